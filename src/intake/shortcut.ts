// The Import message shortcut of an intake (⋯ → Import reviews / Import metrics on a message with
// a CSV or JSON file): Slack's side of fetching the file is src/slack/file-import.ts.
import type { App } from "@slack/bolt";
import type { Deps } from "../deps.ts";
import { problemLines, registerFileImport } from "../slack/file-import.ts";
import { badRows, type Intake } from "./intake.ts";

export function registerIntakeShortcut<T>(app: App, deps: Deps, intake: Intake<T>): void {
  registerFileImport(app, deps, {
    callbackId: intake.shortcut.callbackId,
    async run(d, bytes, name) {
      const b = intake.readFile(bytes, name, d.config);
      const totals = await intake.store(d, b.items);
      return {
        key: intake.shortcut.result,
        params: { ...totals, bad: badRows(b.problems), problems: problemLines(b.problems) },
      };
    },
  });
}

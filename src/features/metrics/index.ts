import type { App } from "@slack/bolt";
import type { Deps } from "../../deps.ts";
import type { Feature } from "../../feature.ts";
import { metricsExport } from "./export-intake.ts";
import { registerIntakeShortcut } from "../../intake/shortcut.ts";
import { webhookRoute } from "../../intake/webhook.ts";
import { auditDigests } from "./digest.ts";
import { COMMAND } from "./ids.ts";
import { metricsIntake } from "./intake.ts";
import { digestJob } from "./jobs.ts";
import { registerActions } from "./slack-actions.ts";
import { registerCommand } from "./slack-command.ts";

export const metricsFeature: Feature = {
  name: "metrics",
  commands: [
    {
      command: COMMAND,
      help: ["cmd.metrics.digest", "cmd.metrics.targets", "cmd.metrics.alerts", "cmd.metrics.import"],
    },
  ],
  register(app: App, deps: Deps) {
    registerCommand(app, deps);
    registerActions(app, deps);
    registerIntakeShortcut(app, deps, metricsIntake, metricsExport);
  },
  jobs: [digestJob],
  routes: [webhookRoute(metricsIntake)],
  onStart: auditDigests,
};

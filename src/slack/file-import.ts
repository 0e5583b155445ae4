// "Import … from this file": a message shortcut on a message carrying a CSV or JSON file. The bot
// downloads the file with its token (files:read) and answers the user privately with the result.
import type { App } from "@slack/bolt";
import { z } from "zod";
import type { Deps } from "../deps.ts";
import type { MessageKey } from "../infra/i18n.ts";
import { ackFirst } from "./ack.ts";
import { errorText, replyEphemeral } from "./reply.ts";
import { userContext } from "./user-context.ts";

const FileRef = z.object({ name: z.string().default("file"), url_private_download: z.string().url().optional(), url_private: z.string().url().optional(), size: z.number().optional() });
const MAX_BYTES = 20 * 1024 * 1024;

export interface FileImport {
  callbackId: string;
  /** Imports the bytes; returns the answer's message key and its parameters. */
  run(deps: Deps, bytes: Buffer, name: string): Promise<{ key: MessageKey; params: Record<string, string | number> }>;
}

export function registerFileImport(app: App, deps: Deps, imp: FileImport): void {
  app.shortcut({ callback_id: imp.callbackId, type: "message_action" }, async ({ shortcut, ack }) => {
    await ackFirst(ack);
    const user = await userContext(deps, shortcut.user.id);
    const to = { responseUrl: shortcut.response_url, userId: shortcut.user.id };
    try {
      const files = z.array(FileRef).safeParse((shortcut.message as { files?: unknown }).files ?? []);
      const file = files.success ? files.data.find((f) => /\.(csv|json|ndjson|txt)$/i.test(f.name)) : undefined;
      const url = file?.url_private_download ?? file?.url_private;
      if (!file || !url) return void (await replyEphemeral(deps, to, { text: user.t("import.noFile") }));
      const bytes = await deps.slack.download(url, MAX_BYTES);
      const r = await imp.run(deps, bytes, file.name);
      await replyEphemeral(deps, to, { text: user.t(r.key, r.params) });
    } catch (e) {
      await replyEphemeral(deps, to, { text: errorText(deps, user.locale, e, imp.callbackId) });
    }
  });
}

/** "line 3: rating: …" lines for the answer, at most ten. */
export function problemLines(problems: { row: number; field: string; message: string }[]): string {
  if (!problems.length) return "";
  const shown = problems.slice(0, 10).map((p) => `\n• line ${p.row}: ${p.field}: ${p.message}`);
  return shown.join("") + (problems.length > 10 ? `\n• … ${problems.length - 10} more` : "");
}

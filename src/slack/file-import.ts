// "Import … from this file": a message shortcut on a message carrying a CSV or JSON file. The bot
// asks Slack for the file by its id (files.info, files:read) rather than trusting the URL in the
// shortcut's payload, downloads it with its token from Slack's own file host only, and answers
// the user privately with the result.
import type { App } from "@slack/bolt";
import { z } from "zod";
import type { Deps } from "../deps.ts";
import type { SharedGrowingFile } from "../infra/growing-file.ts";
import type { MessageKey, Translator } from "../infra/i18n.ts";
import type { MessageBody } from "../outbox/message.ts";
import { ackFirst } from "./ack.ts";
import { ForeignHostError, SlackCallError } from "./api.ts";
import { errorText, replyEphemeral } from "./reply.ts";
import { userContext } from "./user-context.ts";

const FileId = z.object({ id: z.string().regex(/^F[A-Z0-9]{2,40}$/), name: z.string().optional() }).loose();
const FileInfo = z
  .object({
    id: z.string(),
    name: z.string().default("file"),
    size: z.number().optional(),
    url_private_download: z.string().optional(),
    url_private: z.string().optional(),
  })
  .loose();
const IMPORTABLE = /\.(csv|json|ndjson|txt|tsv|xlsx|xls)$/i;

/** Where the file came from: its Slack id and the text of the message that carried it. */
export interface FileOrigin {
  fileId: string;
  messageText: string;
  /** The asker's language. */
  t: Translator;
}

export type ImportAnswer = { key: MessageKey; params: Record<string, string | number> } | { body: MessageBody };

export interface FileImport {
  callbackId: string;
  /** Imports (or previews) the bytes; returns the answer: a message key and its parameters, or a whole message. */
  run(deps: Deps, bytes: Buffer, name: string, origin: FileOrigin): Promise<ImportAnswer>;
}

export type Fetched = { ok: true; bytes: Buffer; name: string } | { ok: false; key: MessageKey; mb?: number };

/** The file as it arrives (a reader thread parses it meanwhile; `done` settles with the download), or whole. */
export type Arriving =
  | { ok: true; name: string; bytes: Buffer }
  | { ok: true; name: string; shared: SharedGrowingFile; done: Promise<void> }
  | { ok: false; key: MessageKey; mb?: number };

/** The file's name and URL by its id: files.info first (the URL in a payload isn't trusted). */
async function locate(
  deps: Deps,
  fileId: string,
  importable: RegExp,
): Promise<{ ok: true; url: string; name: string; max: number } | { ok: false; key: MessageKey; mb?: number }> {
  const found = await deps.slack.call("files.info", { file: fileId }).catch((e: unknown) => {
    // A file id Slack doesn't know (or the bot may not see) is the user's to fix, not an error.
    if (e instanceof SlackCallError && e.failure.type === "permanent") return undefined;
    throw e;
  });
  if (!found) return { ok: false, key: "import.noFile" };
  const info = FileInfo.safeParse(found.file);
  const url = info.success ? (info.data.url_private_download ?? info.data.url_private) : undefined;
  if (!info.success || !url || !importable.test(info.data.name)) return { ok: false, key: "import.noFile" };
  const max = deps.config.IMPORT_MAX_MB * 1024 * 1024;
  if ((info.data.size ?? 0) > max) return { ok: false, key: "import.tooLarge", mb: deps.config.IMPORT_MAX_MB };
  return { ok: true, url, name: info.data.name, max };
}

/**
 * The file by its id, from Slack's own file host with the bot's token: files.info first (the
 * URL in a payload isn't trusted), then the download, refused past IMPORT_MAX_MB.
 */
export async function fetchSlackFile(deps: Deps, fileId: string, importable = IMPORTABLE): Promise<Fetched> {
  const at = await locate(deps, fileId, importable);
  if (!at.ok) return at;
  return { ok: true, bytes: await deps.slack.download(at.url, at.max), name: at.name };
}

/** The same, handed over as soon as the download starts, for a reader that parses it as it arrives. */
export async function fetchArrivingSlackFile(deps: Deps, fileId: string): Promise<Arriving> {
  const at = await locate(deps, fileId, IMPORTABLE);
  if (!at.ok) return at;
  const got = await deps.slack.downloadGrowing(at.url, at.max);
  return Buffer.isBuffer(got) ? { ok: true, name: at.name, bytes: got } : { ok: true, name: at.name, ...got };
}

export function registerFileImport(app: App, deps: Deps, imp: FileImport): void {
  app.shortcut({ callback_id: imp.callbackId, type: "message_action" }, async ({ shortcut, ack }) => {
    await ackFirst(ack);
    const user = await userContext(deps, shortcut.user.id);
    const to = { responseUrl: shortcut.response_url, userId: shortcut.user.id };
    try {
      const listed = z.array(FileId).safeParse((shortcut.message as { files?: unknown }).files ?? []);
      const ref = listed.success
        ? (listed.data.find((f) => IMPORTABLE.test(f.name ?? "")) ?? listed.data[0])
        : undefined;
      if (!ref) return void (await replyEphemeral(deps, to, { text: user.t("import.noFile") }));
      const file = await fetchSlackFile(deps, ref.id);
      if (!file.ok) return void (await replyEphemeral(deps, to, { text: user.t(file.key, { mb: file.mb ?? 0 }) }));
      const messageText = String((shortcut.message as { text?: unknown }).text ?? "");
      const r = await imp.run(deps, file.bytes, file.name, { fileId: ref.id, messageText, t: user.t });
      await replyEphemeral(deps, to, "body" in r ? r.body : { text: user.t(r.key, r.params) });
    } catch (e) {
      if (e instanceof ForeignHostError) {
        deps.log.warn(
          { host: new URL(e.url).host, callbackId: imp.callbackId },
          "file URL outside Slack's file host refused",
        );
        return void (await replyEphemeral(deps, to, { text: user.t("import.foreignHost") }));
      }
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

// The Import message shortcut of an intake (⋯ → Import reviews / Import metrics on a message with
// a file): Slack's side of fetching the file is src/slack/file-import.ts. A file in the bot's own
// columns (CSV, JSON) is imported at once; a platform's export (.xlsx, .xls, or a CSV in its own
// columns) gets a preview first, and its Import button reads the same file again and stores it.
import type { App, BlockAction } from "@slack/bolt";
import { z } from "zod";
import type { Deps } from "../deps.ts";
import { ackFirst } from "../slack/ack.ts";
import { ForeignHostError, SlackCallError } from "../slack/api.ts";
import { fetchArrivingSlackFile, problemLines, registerFileImport } from "../slack/file-import.ts";
import { personOf } from "../slack/handler-context.ts";
import { errorText, replyEphemeral } from "../slack/reply.ts";
import {
  ACTION_EXPORT_CANCEL,
  ACTION_EXPORT_IMPORT,
  previewMessage,
  resultText,
  type StoreFrom,
} from "./exports/preview-blocks.ts";
import { runExport, type ExportIntake } from "./exports/run-export.ts";
import { badRows, isSpreadsheetName, notOwnColumns, type Intake } from "./intake.ts";

const Ref = z.object({
  k: z.string(),
  f: z.string().regex(/^F[A-Z0-9]{2,40}$/),
  p: z.string(),
  s: z.string().max(60),
  n: z.string().max(200),
});

function refOf(action: BlockAction["actions"][number]): z.infer<typeof Ref> | undefined {
  try {
    const r = Ref.safeParse(JSON.parse(("value" in action && action.value) || "{}"));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

/** "store: shop1" (or 店铺：shop1) written in the message that carries the file. */
export function storeInText(text: string): string | undefined {
  return /(?:^|\s)(?:store|店铺)\s*[:：]\s*([^\s,，;；]{1,60})/i.exec(text)?.[1];
}

export function registerIntakeShortcut<T, E>(app: App, deps: Deps, intake: Intake<T>, exp?: ExportIntake<E>): void {
  registerFileImport(app, deps, {
    callbackId: intake.shortcut.callbackId,
    async run(d, bytes, name, origin) {
      if (!exp || !isSpreadsheetName(name)) {
        const b = intake.readFile(bytes, name, d.config);
        if (!exp || !notOwnColumns(b.problems) || /\.(json|ndjson)$/i.test(name)) {
          const totals = await intake.store(d, b.items);
          return {
            key: intake.shortcut.result,
            params: { ...totals, bad: badRows(b.problems), problems: problemLines(b.problems) },
          };
        }
      }
      const named = storeInText(origin.messageText);
      const outcome = await runExport(d, exp, { source: { bytes }, name, store: named, write: false });
      let storeFrom: StoreFrom = named ? "message" : "preset";
      if (outcome.kind === "read" && outcome.match.columns.store !== undefined) storeFrom = "file";
      const ref = { k: exp.kind, f: origin.fileId, n: name.slice(0, 200) };
      return {
        body: previewMessage(origin.t, { file: name, outcome, ref, storeFrom, zone: d.config.DEFAULT_TIMEZONE }),
      };
    },
  });
  if (exp) registerExportButtons(app, deps, exp);
}

/** Import and Cancel under a preview; each kind (metrics, reviews) has its own pair of ids. */
function registerExportButtons<E>(app: App, deps: Deps, exp: ExportIntake<E>): void {
  const replace = (url: string, text: string) =>
    deps.slack.respond(url, { response_type: "ephemeral", replace_original: true, text });
  app.action<BlockAction>(`${ACTION_EXPORT_CANCEL}_${exp.kind}`, async ({ ack, action, body, context }) => {
    await ackFirst(ack);
    const ref = refOf(action);
    if (!ref) return;
    const user = await personOf(context);
    await replace(body.response_url, user.t("export.cancelled", { file: ref.n }));
  });
  app.action<BlockAction>(`${ACTION_EXPORT_IMPORT}_${exp.kind}`, async ({ ack, action, body, context }) => {
    await ackFirst(ack);
    const ref = refOf(action);
    if (!ref) return;
    const user = await personOf(context);
    const to = { responseUrl: body.response_url, userId: body.user.id };
    try {
      // Read as it arrives: the file's parsing starts on its first megabyte, not after its last.
      const file = await fetchArrivingSlackFile(deps, ref.f);
      if (!file.ok) return void (await replace(body.response_url, user.t("export.gone")));
      await replace(body.response_url, user.t("export.importing", { file: file.name, preset: ref.p }));
      const source = "bytes" in file ? { bytes: file.bytes } : { growing: file.shared };
      const [read, downloaded] = await Promise.allSettled([
        runExport(deps, exp, { source, name: file.name, presetId: ref.p, store: ref.s, write: true }),
        "done" in file ? file.done : undefined,
      ]);
      // A download that failed part-way is answered as one, not as a file cut short. What was read
      // before may be stored, but nothing is summed: the next import of the file completes it.
      if (downloaded.status === "rejected") {
        if (!(downloaded.reason instanceof SlackCallError)) throw downloaded.reason;
        return void (await replace(body.response_url, user.t("export.downloadStopped", { file: file.name })));
      }
      if (read.status === "rejected") throw read.reason;
      const outcome = read.value;
      // The result goes through the outbox: it reaches the person even if Slack hiccups now.
      await replyEphemeral(deps, to, { text: resultText(user.t, file.name, outcome), replace_original: true });
    } catch (e) {
      if (e instanceof ForeignHostError) return void (await replace(body.response_url, user.t("import.foreignHost")));
      await replace(body.response_url, errorText(deps, user.locale, e, ACTION_EXPORT_IMPORT));
    }
  });
}

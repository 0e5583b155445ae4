// A queued canvas (outbox/canvas.ts) made or brought up to date in Slack. The first delivery of
// a document creates its canvas in the channel (canvases.create with channel_id, which tabs it
// there and is what Slack's free plan allows); later ones look each of the bot's own parts up by
// its tag (canvases.sections.lookup) and replace that table alone (canvases.edit), so the team's
// writing elsewhere in the canvas stays. What follows in the channel (the message, or today's
// message and a notice where canvases can't be used) is queued by the follow-up, keyed by this
// row: a resend after a crash queues it once.
//
// A crash between Slack's answer to canvases.create and the row below leaves a canvas the bot
// doesn't know of, and the resend makes another: Slack offers no way to ask for a canvas by a key.
import type { Sql } from "../../infra/db/sql.ts";
import type { SlackApi } from "../../deps.ts";
import { SlackCallError } from "../api.ts";
import type { OutboxRow } from "../outbox-row.ts";
import type { MessageBody } from "../../outbox/message.ts";
import type { CapabilityFollowUp } from "./follow-up.ts";
import { canvasMarkdown, partMarkdown, type CanvasDocument } from "../../outbox/canvas.ts";
import { isDocumentRefusal, isRefusal, newerQueued, noteCapability, refusedLately } from "./capabilities.ts";

export type CanvasBody = MessageBody & { canvas: CanvasDocument };

const GONE = new Set(["canvas_not_found", "canvas_deleted", "file_not_found", "file_deleted"]);
const markdown = (text: string) => ({ type: "markdown", markdown: text });

export async function deliverCanvas(
  sql: Sql,
  api: SlackApi,
  row: OutboxRow,
  body: CanvasBody,
  ctx: { now: Date; followUp: CapabilityFollowUp },
): Promise<{ ts: string | null; channel: string | null } | "superseded"> {
  if (await newerQueued(sql, row)) return "superseded";
  const refused = await refusedLately(sql, "canvases", ctx.now);
  if (refused) return fallBack(row, body, refused, ctx.followUp);
  try {
    const { canvasId, made } = await write(sql, api, row, body.canvas, ctx.now);
    await noteCapability(sql, "canvases", true, null, ctx.now);
    await ctx.followUp(row, body, { kind: made ? "made" : "updated" }, "canvases");
    return { ts: canvasId, channel: row.channel };
  } catch (e) {
    const reason = e instanceof SlackCallError && e.failure.type === "permanent" ? e.failure.reason : "";
    if (!isRefusal(reason) && !isDocumentRefusal(reason)) throw e;
    if (isRefusal(reason)) await noteCapability(sql, "canvases", false, reason, ctx.now);
    return fallBack(row, body, reason, ctx.followUp);
  }
}

async function fallBack(row: OutboxRow, body: CanvasBody, reason: string, followUp: CapabilityFollowUp) {
  await followUp(row, body, { kind: "fallback", reason }, "canvases");
  return { ts: null, channel: row.channel };
}

async function write(sql: Sql, api: SlackApi, row: OutboxRow, doc: CanvasDocument, now: Date) {
  const known = await sql.get<{ canvasId: string }>(`SELECT "canvasId" FROM "CanvasDoc" WHERE "key" = ?`, [doc.key]);
  if (known) {
    try {
      await editOwnParts(api, known.canvasId, doc);
      await sql.run(`UPDATE "CanvasDoc" SET "updatedAt" = ? WHERE "key" = ?`, [now, doc.key]);
      return { canvasId: known.canvasId, made: false };
    } catch (e) {
      // Someone deleted the canvas: it is made again, whole.
      if (!(e instanceof SlackCallError && e.failure.type === "permanent" && GONE.has(e.failure.reason))) throw e;
      await sql.run(`DELETE FROM "CanvasDoc" WHERE "key" = ?`, [doc.key]);
    }
  }
  const r = await api.call("canvases.create", {
    title: doc.title,
    channel_id: row.channel,
    document_content: markdown(canvasMarkdown(doc)),
  });
  const canvasId = String(r.canvas_id);
  await sql.run(
    `INSERT INTO "CanvasDoc" ("key", "channelId", "canvasId", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?)
     ON CONFLICT ("key") DO UPDATE SET "canvasId" = excluded."canvasId", "updatedAt" = excluded."updatedAt"`,
    [doc.key, row.channel, canvasId, now, now],
  );
  return { canvasId, made: true };
}

/** Each of the bot's parts replaced where it is, or added at the end if the team removed it. */
async function editOwnParts(api: SlackApi, canvasId: string, doc: CanvasDocument) {
  for (const part of doc.parts) {
    if (!part.tag) continue;
    const found = await api.call("canvases.sections.lookup", {
      canvas_id: canvasId,
      criteria: { contains_text: part.tag },
    });
    const id = (found.sections as { id: string }[] | undefined)?.[0]?.id;
    // Slack takes one change per call.
    const change = id
      ? { operation: "replace", section_id: id, document_content: markdown(part.markdown) }
      : { operation: "insert_at_end", document_content: markdown(partMarkdown(part)) };
    await api.call("canvases.edit", { canvas_id: canvasId, changes: [change] });
  }
}

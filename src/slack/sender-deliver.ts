// One claimed outbox message, delivered to Slack with the call its kind needs.
import type { Sql } from "../infra/db/sql.ts";
import type { OutboxRow } from "./outbox-row.ts";
import { jsonOf } from "../infra/db/stored.ts";
import { SlackCallError } from "./api.ts";
import type { SlackApi } from "../deps.ts";
import type { MessageBody, StepCompletion } from "../outbox/message.ts";
import { budgetMentions, type NameOf } from "./delivery/mentions.ts";
import { renderRollup, rollupSpecOf } from "./delivery/rollup-render.ts";
import { deliverCanvas, type CanvasBody } from "./capability/canvas-deliver.ts";
import type { CapabilityFollowUp } from "./capability/follow-up.ts";
import { deliverList, type ListBody } from "./capability/list-deliver.ts";
import { callWithFiles } from "./delivery/slack-files.ts";

/** What delivering needs beyond the row: names for roll-ups, and the mention budget. */
export interface DeliverContext {
  now: Date;
  nameOf: NameOf;
  /** A person or group is @-mentioned at most once per this interval in a channel. */
  mentionIntervalMs: number;
  /** Least time between two posts of a roll-up in a person's DM. */
  dmPageEveryMs: number;
  /** What the channel hears of a canvas made, updated, or not possible here. */
  capabilityFollowUp: CapabilityFollowUp;
}

/** The message a row depends on was folded into a roll-up: this one folds with it. */
export class FoldedWithParent extends Error {
  constructor(readonly rollupId: string) {
    super("folded with its parent");
  }
}

/** The marker every post carries, so a resend after a crash can find the first send (message metadata). */
export const MARKER = "shopops_outbox";

const METHOD: Record<string, string> = {
  post: "chat.postMessage",
  update: "chat.update",
  ephemeral: "chat.postEphemeral",
  respond: "response_url",
  file: "files.completeUploadExternal",
  complete: "functions.completeSuccess",
  canvas: "canvases.edit",
  list: "slackLists.items.update",
};

export const methodOf = (kind: string): string => METHOD[kind] ?? "chat.postMessage";

type FileBody = MessageBody & {
  file: { filename: string; title: string; altText: string; base64: string; share?: false };
};

/** The earlier message this one depends on (an edit's target, a reply's parent). */
async function earlier(sql: Sql, id: string, why: string): Promise<{ ts: string; channel: string }> {
  const r = await sql.get<{ status: string; ts: string | null; sentChannel: string | null; rollupId: string | null }>(
    `SELECT "status", "ts", "sentChannel", "rollupId" FROM "OutboxMessage" WHERE "id" = ?`,
    [id],
  );
  if (r?.status === "folded" && r.rollupId) throw new FoldedWithParent(r.rollupId);
  if (!r || r.status === "failed") throw new SlackCallError({ type: "permanent", reason: why });
  // Same lane, so it went first; a target queued in another lane (rare) is simply waited for.
  if (!r.ts || !r.sentChannel) throw new SlackCallError({ type: "transient", reason: "waiting_for_target" });
  return { ts: r.ts, channel: r.sentChannel };
}

/** A queued edit of a message folded since: the message takes the edit's content instead. */
async function mergeIntoFolded(sql: Sql, row: OutboxRow, body: MessageBody): Promise<"superseded"> {
  const t = await sql.get<{ body: unknown }>(`SELECT "body" FROM "OutboxMessage" WHERE "id" = ?`, [row.targetId]);
  const merged = { ...(jsonOf(t?.body) as object), ...body };
  await sql.run(`UPDATE "OutboxMessage" SET "body" = ? WHERE "id" = ? AND "status" = 'folded'`, [
    JSON.stringify(merged),
    row.targetId,
  ]);
  return "superseded";
}

export async function deliver(
  sql: Sql,
  api: SlackApi,
  row: OutboxRow,
  ctx: DeliverContext,
): Promise<{ ts: string | null; channel: string | null } | "superseded"> {
  const body = jsonOf(row.body) as MessageBody;
  // A roll-up's message is drawn from what it holds when it is sent (never before a look for an
  // earlier send of it: a page drawn again could list more than Slack showed).
  const spec = rollupSpecOf(body);
  const drawn = async () =>
    spec ? renderRollup(sql, row.id, spec, ctx.nameOf, { now: ctx.now, dmPageEveryMs: ctx.dmPageEveryMs }) : body;
  switch (row.kind) {
    case "respond":
      await api.respond(row.responseUrl!, body);
      return { ts: null, channel: null };
    case "file":
      return sendFile(api, row, body as FileBody);
    case "complete":
      await completeStep(sql, api, (body as MessageBody & { step: StepCompletion }).step);
      return { ts: null, channel: null };
    case "canvas":
      return deliverCanvas(sql, api, row, body as CanvasBody, { now: ctx.now, followUp: ctx.capabilityFollowUp });
    case "list":
      return deliverList(sql, api, row, body as ListBody, { now: ctx.now, followUp: ctx.capabilityFollowUp });
    case "ephemeral": {
      const r = await api.call("chat.postEphemeral", {
        ...body,
        channel: row.channel,
        user: row.userId,
        thread_ts: row.threadTs ?? undefined,
      });
      return { ts: (r.message_ts as string) ?? null, channel: row.channel };
    }
    case "update": {
      // Only the newest edit of a message matters: an older edit, queued or put aside, is dropped
      // once a newer one is queued or was sent.
      const newer = await sql.get(
        `SELECT 1 AS "x" FROM "OutboxMessage" WHERE "targetId" = ? AND "status" IN ('pending', 'sent') AND "kind" = 'update'
           AND "seq" > ? LIMIT 1`,
        [row.targetId, row.seq],
      );
      if (newer) return "superseded";
      let target: { ts: string; channel: string };
      try {
        target = await earlier(sql, row.targetId!, "target_message_failed");
      } catch (e) {
        if (e instanceof FoldedWithParent) return mergeIntoFolded(sql, row, body);
        throw e;
      }
      const r = await callWithFiles(sql, api, "chat.update", await drawn(), {
        channel: target.channel,
        ts: target.ts,
      });
      return { ts: (r.ts as string) ?? target.ts, channel: target.channel };
    }
    default: {
      const threadTs = row.threadOfId
        ? (await earlier(sql, row.threadOfId, "thread_parent_failed")).ts
        : (row.threadTs ?? undefined);
      if (row.inDoubt) {
        const found = await findSent(api, row, threadTs);
        if (found) return found;
      }
      const metadata = { event_type: MARKER, event_payload: { outbox_id: row.id } };
      // What a person just did is reported as it is; background news keeps to the mention budget.
      const content = await drawn();
      const paced = row.fromAction
        ? content
        : await budgetMentions(sql, row.channel!, content, ctx.now, ctx.mentionIntervalMs, ctx.nameOf);
      const r = await callWithFiles(sql, api, "chat.postMessage", paced, {
        channel: row.channel,
        thread_ts: threadTs,
        metadata: JSON.stringify(metadata),
      });
      return { ts: (r.ts as string) ?? null, channel: (r.channel as string) ?? row.channel };
    }
  }
}

/** Slack's upload flow: get an upload URL, send the bytes, then complete it into the channel. */
async function sendFile(api: SlackApi, row: OutboxRow, body: FileBody) {
  let channel = row.channel!;
  const share = body.file.share !== false;
  if (share && /^[UW]/.test(channel)) {
    // A DM needs its channel id for files; conversations.open gives it (im:write).
    const r = await api.call("conversations.open", { users: channel });
    channel = (r.channel as { id: string }).id;
  }
  const bytes = Buffer.from(body.file.base64, "base64");
  const up = await api.call("files.getUploadURLExternal", {
    filename: body.file.filename,
    length: bytes.length,
    alt_txt: body.file.altText,
  });
  await api.upload(String(up.upload_url), bytes);
  const done = await api.call("files.completeUploadExternal", {
    files: JSON.stringify([{ id: up.file_id, title: body.file.title }]),
    // Not shared: only the bot can see it, until a message of the bot's shows it.
    ...(share ? { channel_id: channel, initial_comment: body.text } : {}),
  });
  const file = (done.files as { id: string }[] | undefined)?.[0];
  return { ts: file?.id ?? null, channel };
}

/** Ends a Workflow Builder step run, with its outputs or its error. */
async function completeStep(sql: Sql, api: SlackApi, step: StepCompletion) {
  try {
    if (step.error !== undefined) {
      await api.call("functions.completeError", { function_execution_id: step.executionId, error: step.error });
      return;
    }
    const outputs = { ...step.outputs };
    for (const [name, messageId] of Object.entries(step.links ?? {})) {
      const m = await earlier(sql, messageId, "linked_message_failed");
      const r = await api.call("chat.getPermalink", { channel: m.channel, message_ts: m.ts });
      outputs[name] = r.permalink;
    }
    await api.call("functions.completeSuccess", { function_execution_id: step.executionId, outputs });
  } catch (e) {
    // Completed already: our send went through before a crash and this is the resend.
    if (
      e instanceof SlackCallError &&
      e.failure.type === "permanent" &&
      e.failure.reason === "execution_not_in_running_state"
    )
      return;
    throw e;
  }
}

/**
 * Did a post whose sender died mid-send reach Slack? chat.postMessage has no idempotency key, so
 * each post carries its outbox id in its metadata and the resend looks for it first among the
 * channel's (or the thread's) latest messages. The message is its lane's head, so nothing of ours
 * was posted in that lane since. If Slack won't let us look (no history scope, not in the
 * channel), the message is sent: late twice is better than never.
 */
async function findSent(
  api: SlackApi,
  row: OutboxRow,
  threadTs: string | undefined,
): Promise<{ ts: string; channel: string } | undefined> {
  try {
    let channel = row.channel!;
    if (/^[UW]/.test(channel))
      channel = ((await api.call("conversations.open", { users: channel })).channel as { id: string }).id;
    const args = { channel, limit: 200, include_all_metadata: true };
    const r = threadTs
      ? await api.call("conversations.replies", { ...args, ts: threadTs })
      : await api.call("conversations.history", args);
    const hit = (
      (r.messages ?? []) as { ts: string; metadata?: { event_type?: string; event_payload?: { outbox_id?: string } } }[]
    ).find((m) => m.metadata?.event_type === MARKER && m.metadata.event_payload?.outbox_id === row.id);
    return hit ? { ts: hit.ts, channel } : undefined;
  } catch (e) {
    if (e instanceof SlackCallError && e.failure.type !== "permanent") throw e;
    return undefined;
  }
}

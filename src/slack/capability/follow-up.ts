// What follows a queued canvas or List: the channel's message (with a line saying it was made or
// brought up to date), or, where the workspace can't use it, today's message alone and a word to
// the person who asked, once, saying why and what would change it. Each is keyed by the outbox
// row, so a resend after a crash queues nothing twice.
import type { Clock } from "../../infra/clock.ts";
import type { Sql } from "../../infra/db/sql.ts";
import type { Deps } from "../../deps.ts";
import { enqueueMany } from "../../outbox/outbox.ts";
import type { MessageBody, OutgoingMessage } from "../../outbox/message.ts";
import { userContext } from "../user-context.ts";
import type { OutboxRow } from "../outbox-row.ts";
import type { CanvasDocument } from "../../outbox/canvas.ts";
import { fixFor, SCOPE_OF, type CapabilityName } from "./capabilities.ts";

export type CapabilityOutcome = { kind: "made" | "updated" } | { kind: "fallback"; reason: string };
/** Queues what the channel (and, on a fallback, the person who asked) hears of a canvas or a List. */
export type CapabilityFollowUp = (
  row: OutboxRow,
  body: MessageBody & { canvas?: CanvasDocument; list?: { made: string } },
  outcome: CapabilityOutcome,
  capability: CapabilityName,
) => Promise<void>;

/** The message with one more line at its end, in its text and (when drawn from blocks) its blocks. */
function withLine(body: MessageBody, line: string): MessageBody {
  if (!body.text) return { text: line };
  const section = { type: "section", text: { type: "mrkdwn", text: line } };
  return {
    ...body,
    text: `${body.text}\n${line}`,
    ...(body.blocks ? { blocks: [...body.blocks, section] } : {}),
  } as MessageBody;
}

type Followed = Parameters<CapabilityFollowUp>[1];

/** The line saying where the canvas or List is, for the outcome; none for a fallback or a List's update. */
function lineFor(body: Followed, outcome: CapabilityOutcome): string {
  if (outcome.kind === "fallback") return "";
  if (body.canvas) return outcome.kind === "made" ? body.canvas.made : body.canvas.updated;
  return outcome.kind === "made" ? (body.list?.made ?? "") : "";
}

/** The channel's message, if there is one to send: a runbook's canvas has none (its card is that). */
function channelMessages(row: OutboxRow, body: Followed, outcome: CapabilityOutcome): OutgoingMessage[] {
  const { canvas: _c, list: _l, ...message } = body;
  const line = lineFor(body, outcome);
  if (!message.text && !line) return [];
  return [
    {
      kind: "post",
      channel: row.channel!,
      body: line ? withLine(message, line) : message,
      dedupeKey: `canvas-message:${row.id}`,
      ...(row.actorId ? { actorId: row.actorId } : {}),
      ...(row.fromAction ? { priority: "interactive" as const } : {}),
    },
  ];
}

async function notice(deps: Deps, row: OutboxRow, reason: string, name: CapabilityName): Promise<OutgoingMessage[]> {
  if (!row.actorId) return [];
  const user = await userContext(deps, row.actorId);
  const text = user.t(name === "lists" ? "capability.noticeList" : "capability.notice", {
    feature: user.t(`capability.${name}`),
    reason,
    fix: user.t(fixFor(reason), { scope: SCOPE_OF[name] }),
  });
  // Once per person and refusal: the next one goes to the message quietly.
  const dedupeKey = `capability:${name}:${reason}:${row.actorId}`;
  return [{ kind: "post", channel: row.actorId, body: { text }, dedupeKey }];
}

export function capabilityFollowUp(deps: Deps): CapabilityFollowUp {
  return async (row, body, outcome, name) => {
    const msgs = channelMessages(row, body, outcome);
    if (outcome.kind === "fallback") msgs.push(...(await notice(deps, row, outcome.reason, name)));
    await deps.sql.tx((q) => enqueueMany(q, deps.clock, msgs));
  };
}

/** Without people to tell (a sender built bare, in tests of the queue): the channel's message alone. */
export function plainFollowUp(sql: Sql, clock: Pick<Clock, "now">): CapabilityFollowUp {
  return (row, body, outcome) =>
    sql.tx(async (q) => void (await enqueueMany(q, clock, channelMessages(row, body, outcome))));
}

// What follows a queued canvas: the channel's message (with a line saying the canvas was made or
// brought up to date), or, where the workspace can't use canvases, today's message alone and a
// word to the person who asked, once, saying why and what would change it. Each is keyed by the
// canvas's outbox row, so a resend after a crash queues nothing twice.
import type { Clock } from "../../infra/clock.ts";
import type { Sql } from "../../infra/db/sql.ts";
import type { Deps } from "../../deps.ts";
import { enqueueMany } from "../../outbox/outbox.ts";
import type { MessageBody, OutgoingMessage } from "../../outbox/message.ts";
import { userContext } from "../user-context.ts";
import type { OutboxRow } from "../outbox-row.ts";
import type { CanvasBody, CanvasFollowUp, CanvasOutcome } from "./canvas-deliver.ts";
import { fixFor, SCOPE_OF } from "./capabilities.ts";

/** The message with one more line at its end, in its text and (when drawn from blocks) its blocks. */
function withLine(body: MessageBody, line: string): MessageBody {
  const section = { type: "section", text: { type: "mrkdwn", text: line } };
  return {
    ...body,
    text: `${body.text}\n${line}`,
    ...(body.blocks ? { blocks: [...body.blocks, section] } : {}),
  } as MessageBody;
}

function channelMessage(row: OutboxRow, body: CanvasBody, outcome: CanvasOutcome): OutgoingMessage {
  const { canvas, ...message } = body;
  const shown =
    outcome.kind === "fallback" ? message : withLine(message, outcome.kind === "made" ? canvas.made : canvas.updated);
  return {
    kind: "post",
    channel: row.channel!,
    body: shown,
    dedupeKey: `canvas-message:${row.id}`,
    ...(row.actorId ? { actorId: row.actorId } : {}),
    ...(row.fromAction ? { priority: "interactive" as const } : {}),
  };
}

async function notice(deps: Deps, row: OutboxRow, reason: string): Promise<OutgoingMessage[]> {
  if (!row.actorId) return [];
  const user = await userContext(deps, row.actorId);
  const text = user.t("capability.notice", {
    feature: user.t("capability.canvases"),
    reason,
    fix: user.t(fixFor(reason), { scope: SCOPE_OF.canvases }),
  });
  // Once per person and refusal: the next promotion's retrospective goes to the message quietly.
  return [
    { kind: "post", channel: row.actorId, body: { text }, dedupeKey: `capability:canvases:${reason}:${row.actorId}` },
  ];
}

export function canvasFollowUp(deps: Deps): CanvasFollowUp {
  return async (row, body, outcome) => {
    // A canvas with no message of its own (a runbook's: its card is that) adds nothing to the channel.
    const msgs = body.text ? [channelMessage(row, body, outcome)] : [];
    if (outcome.kind === "fallback") msgs.push(...(await notice(deps, row, outcome.reason)));
    await deps.sql.tx((q) => enqueueMany(q, deps.clock, msgs));
  };
}

/** Without people to tell (a sender built bare, in tests of the queue): the channel's message alone. */
export function plainFollowUp(sql: Sql, clock: Pick<Clock, "now">): CanvasFollowUp {
  return (row, body, outcome) =>
    sql.tx(async (q) => void (body.text ? await enqueueMany(q, clock, [channelMessage(row, body, outcome)]) : []));
}

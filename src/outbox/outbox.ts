// Every message the bot sends is written here first; the sender (sender.ts) delivers it. A caller
// that writes a row inside its own transaction gets "state change and message" atomically.
//
// Messages go out in lanes: one lane per channel or DM (Slack allows about one message a second
// in each), per person's ephemeral replies in a channel, and per response_url. Within a lane a
// message never overtakes an earlier one, an edit never arrives before the post it edits, and a
// reply never before its thread's parent, because they share the parent's lane.
import type { KnownBlock, Block } from "@slack/types";
import { createHash } from "node:crypto";
import type { Clock } from "../infra/clock.ts";
import type { Db } from "../infra/db.ts";
import { dialectOfClient, prismaExec, type Exec } from "../infra/prisma-exec.ts";
import { newId, nextSeq } from "../infra/ids.ts";
import { marks, valueRows, type Dialect, type Param, type Sql } from "../infra/sql.ts";

export interface MessageBody {
  text: string;
  blocks?: (KnownBlock | Block)[];
  [extra: string]: unknown;
}

export type OutboxKind = "post" | "update" | "ephemeral" | "respond" | "file" | "complete";

/**
 * The end of a Workflow Builder step run (Slack's functions.completeSuccess / completeError). It is
 * queued like a message, in the same transaction as the work the step did, so the step completes
 * once: a crash before the commit leaves neither, a crash after leaves the completion to be sent.
 * `links` fills an output with the permalink of a message queued earlier (a task's card), once
 * that message has been posted.
 */
export interface StepCompletion {
  executionId: string;
  outputs?: Record<string, unknown>;
  error?: string;
  links?: Record<string, string>;
}

interface Common {
  body: MessageBody;
  /** Makes enqueueing idempotent: a second enqueue with the same key returns the first row. */
  dedupeKey?: string;
  /** Whose action this message comes from: told in a DM, with what to do, if Slack refuses it for good. */
  actorId?: string;
}

export type OutgoingMessage =
  | (Common & {
      kind: "post";
      channel: string;
      threadTs?: string;
      /** Reply in the thread of an earlier queued message; sent once that one has its ts. */
      threadOfId?: string;
    })
  | (Common & { kind: "update"; targetId: string })
  | (Common & { kind: "ephemeral"; channel: string; userId: string; threadTs?: string })
  | (Common & { kind: "respond"; responseUrl: string })
  /** A file (a chart) shared in a channel or a DM, with body.text as its comment. */
  | (Common & {
      kind: "file";
      channel: string;
      file: { filename: string; title: string; altText: string; base64: string };
    })
  | (Common & { kind: "complete"; step: StepCompletion });

/** The outbox row that ends a step run: keyed by its execution id, so it is queued once. */
export const stepCompletion = (step: StepCompletion): OutgoingMessage => ({
  kind: "complete",
  step,
  body: { text: "" },
  dedupeKey: `fn:${step.executionId}`,
});

export interface Outbox {
  enqueue(db: Db, msg: OutgoingMessage): Promise<{ id: string }>;
  /** Wake the sender now instead of at its next planned time. */
  kick(): void;
}

export type { Exec } from "../infra/prisma-exec.ts";

/** Lanes of replies that Slack doesn't pace per channel: ephemeral messages and response_urls. */
export const isUnpacedLane = (lane: string) => lane.startsWith("r:") || lane.startsWith("e:") || lane.startsWith("f:");

/** The lane of a message whose lane doesn't depend on another row (all but edits). */
export function laneOf(msg: Exclude<OutgoingMessage, { kind: "update" }>): string {
  switch (msg.kind) {
    case "respond":
      // One lane per response_url, keyed by a digest: the URL itself is a credential.
      return "r:" + createHash("sha256").update(msg.responseUrl).digest("hex").slice(0, 24);
    case "ephemeral":
      return `e:${msg.channel}:${msg.userId}`;
    case "complete":
      return `f:${msg.step.executionId}`;
    default:
      return msg.channel;
  }
}

const COLUMNS = [
  "id",
  "kind",
  "channel",
  "userId",
  "threadTs",
  "responseUrl",
  "targetId",
  "threadOfId",
  "body",
  "dedupeKey",
  "status",
  "attempts",
  "nextAttemptAt",
  "createdAt",
  "actorId",
  "lane",
  "seq",
];
const INSERT = `INSERT INTO "OutboxMessage" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES `;

function rowValues(id: string, msg: OutgoingMessage, lane: string, now: Date): Param[] {
  return [
    id,
    msg.kind,
    "channel" in msg ? msg.channel : null,
    "userId" in msg ? msg.userId : null,
    "threadTs" in msg ? (msg.threadTs ?? null) : null,
    "responseUrl" in msg ? msg.responseUrl : null,
    "targetId" in msg ? msg.targetId : null,
    "threadOfId" in msg ? (msg.threadOfId ?? null) : null,
    JSON.stringify(
      msg.kind === "file"
        ? { ...msg.body, file: msg.file }
        : msg.kind === "complete"
          ? { ...msg.body, step: msg.step }
          : msg.body,
    ),
    msg.dedupeKey ?? null,
    "pending",
    0,
    now,
    now,
    msg.actorId ?? null,
    lane,
    BigInt(nextSeq()),
  ];
}

/** One more message in each of these lanes; an idle lane becomes due now, a paced one keeps its time. */
async function countIntoLanes(x: Exec, counts: Map<string, number>, now: Date): Promise<void> {
  // Lanes in one order everywhere: two transactions counting into the same lanes can't deadlock.
  const entries = [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (!entries.length) return;
  await x.run(
    `INSERT INTO "OutboxLane" ("lane", "nextAt", "pending") VALUES ${valueRows(entries.length, 3)}
     ON CONFLICT ("lane") DO UPDATE SET "pending" = "OutboxLane"."pending" + excluded."pending", "nextAt" = COALESCE("OutboxLane"."nextAt", excluded."nextAt")`,
    entries.flatMap(([lane, n]) => [lane, now, n]),
  );
}

/**
 * Queues messages in one go: one INSERT for the messages, one for their lanes. Edits take the
 * lane of the message they edit (looked up, or found earlier in the same batch). A message whose
 * dedupe key was queued before is not queued again; its first row's id is returned.
 */
export async function enqueueMany(
  x: Exec,
  clock: Clock,
  msgs: readonly OutgoingMessage[],
  ids: string[] = msgs.map(() => newId()),
): Promise<{ id: string }[]> {
  if (!msgs.length) return [];
  const now = clock.now();
  const laneById = new Map<string, string>();
  // An edit goes in the lane of the message it edits; a step completion that links to a message
  // goes in that message's lane, right behind it, so the link exists when it is sent.
  const targetOf = (m: OutgoingMessage) =>
    m.kind === "update" ? m.targetId : m.kind === "complete" ? Object.values(m.step.links ?? {})[0] : undefined;
  const targets = [...new Set(msgs.flatMap((m) => targetOf(m) ?? []))];
  const known = targets.length
    ? await x.all<{ id: string; lane: string }>(
        `SELECT "id", "lane" FROM "OutboxMessage" WHERE "id" IN (${marks(targets.length)})`,
        targets,
      )
    : [];
  for (const k of known) laneById.set(k.id, k.lane);
  const lanes = msgs.map((m, i) => {
    const target = targetOf(m);
    const lane =
      m.kind === "update"
        ? (laneById.get(m.targetId) ?? `u:${m.targetId}`)
        : target
          ? (laneById.get(target) ?? laneOf(m))
          : laneOf(m);
    laneById.set(ids[i]!, lane);
    return lane;
  });
  const result = ids.map((id) => ({ id }));
  const withKey = msgs.some((m) => m.dedupeKey);
  let inserted: Set<string>;
  if (withKey) {
    const rows = await x.all<{ id: string }>(
      `${INSERT}${valueRows(msgs.length, COLUMNS.length)} ON CONFLICT ("dedupeKey") DO NOTHING RETURNING "id"`,
      msgs.flatMap((m, i) => rowValues(ids[i]!, m, lanes[i]!, now)),
    );
    inserted = new Set(rows.map((r) => r.id));
    const missing = msgs.flatMap((m, i) => (m.dedupeKey && !inserted.has(ids[i]!) ? [[i, m.dedupeKey] as const] : []));
    if (missing.length) {
      const found = await x.all<{ id: string; dedupeKey: string }>(
        `SELECT "id", "dedupeKey" FROM "OutboxMessage" WHERE "dedupeKey" IN (${marks(missing.length)})`,
        missing.map(([, k]) => k),
      );
      const byKey = new Map(found.map((f) => [f.dedupeKey, f.id]));
      for (const [i, k] of missing) result[i] = { id: byKey.get(k) ?? ids[i]! };
    }
  } else {
    await x.run(
      `${INSERT}${valueRows(msgs.length, COLUMNS.length)}`,
      msgs.flatMap((m, i) => rowValues(ids[i]!, m, lanes[i]!, now)),
    );
    inserted = new Set(ids);
  }
  const counts = new Map<string, number>();
  ids.forEach((id, i) => inserted.has(id) && counts.set(lanes[i]!, (counts.get(lanes[i]!) ?? 0) + 1));
  await countIntoLanes(x, counts, now);
  return result;
}

export async function enqueueMessage(db: Db, clock: Clock, msg: OutgoingMessage): Promise<{ id: string }> {
  return (await enqueueMany(prismaExec(db, dialectOfClient(db)), clock, [msg]))[0]!;
}

export function createOutbox(clock: Clock, onEnqueue: () => void): Outbox {
  return {
    async enqueue(db, msg) {
      const row = await enqueueMessage(db, clock, msg);
      onEnqueue();
      return row;
    },
    kick: onEnqueue,
  };
}

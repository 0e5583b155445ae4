// Every message the bot sends is written here first; the sender (sender.ts) delivers it. A caller
// that writes a row inside its own transaction gets "state change and message" atomically.
import type { Db } from "../infra/db.ts";
import type { Clock } from "../infra/clock.ts";

export interface MessageBody {
  text: string;
  blocks?: unknown[];
  [extra: string]: unknown;
}

export type OutboxKind = "post" | "update" | "ephemeral" | "respond" | "file";

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
  | (Common & { kind: "file"; channel: string; file: { filename: string; title: string; altText: string; base64: string } });

export interface Outbox {
  enqueue(db: Db, msg: OutgoingMessage): Promise<{ id: string }>;
  /** Wake the sender now instead of at its next planned time. */
  kick(): void;
}

export async function enqueueMessage(db: Db, clock: Clock, msg: OutgoingMessage): Promise<{ id: string }> {
  if (msg.dedupeKey) {
    const existing = await db.outboxMessage.findUnique({ where: { dedupeKey: msg.dedupeKey }, select: { id: true } });
    if (existing) return existing;
  }
  const now = clock.now();
  const row = await db.outboxMessage.create({
    data: {
      kind: msg.kind,
      channel: "channel" in msg ? msg.channel : null,
      userId: "userId" in msg ? msg.userId : null,
      threadTs: "threadTs" in msg ? (msg.threadTs ?? null) : null,
      responseUrl: "responseUrl" in msg ? msg.responseUrl : null,
      targetId: "targetId" in msg ? msg.targetId : null,
      threadOfId: "threadOfId" in msg ? (msg.threadOfId ?? null) : null,
      body: JSON.stringify(msg.kind === "file" ? { ...msg.body, file: msg.file } : msg.body),
      dedupeKey: msg.dedupeKey ?? null,
      actorId: msg.actorId ?? null,
      nextAttemptAt: now,
      createdAt: now,
    },
    select: { id: true },
  });
  return row;
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

// One outbox row as the sender sees it, read the same way from SQLite and PostgreSQL.
import { toBool, toDate, toNum } from "../infra/db/sql.ts";

export interface OutboxRow {
  id: string;
  kind: string;
  channel: string | null;
  userId: string | null;
  threadTs: string | null;
  responseUrl: string | null;
  targetId: string | null;
  threadOfId: string | null;
  /** Text on SQLite, already parsed (jsonb) on PostgreSQL. */
  body: unknown;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  actorId: string | null;
  lane: string;
  seq: number;
  priority: number;
  /** The roll-up this row belongs to (its own message, or an item folded into it). */
  rollupId: string | null;
  /** One of a roll-up's own messages (its parent, a page, an edit of it), not a folded item. */
  ofRollup: boolean;
  /** Queued while answering a person's own action: reported as it is, outside the mention budget. */
  fromAction: boolean;
  claimToken: string | null;
  /**
   * The previous claim of this row never recorded an outcome: its sender died (or its lease ran
   * out) somewhere between claiming and recording, so Slack may already have the message.
   */
  inDoubt?: boolean;
}

export function toRow(r: Record<string, unknown>): OutboxRow {
  return {
    id: String(r.id),
    kind: String(r.kind),
    channel: (r.channel as string | null) ?? null,
    userId: (r.userId as string | null) ?? null,
    threadTs: (r.threadTs as string | null) ?? null,
    responseUrl: (r.responseUrl as string | null) ?? null,
    targetId: (r.targetId as string | null) ?? null,
    threadOfId: (r.threadOfId as string | null) ?? null,
    body: r.body,
    attempts: toNum(r.attempts),
    lastError: (r.lastError as string | null) ?? null,
    createdAt: toDate(r.createdAt),
    actorId: (r.actorId as string | null) ?? null,
    lane: String(r.lane),
    seq: toNum(r.seq),
    priority: toNum(r.priority ?? 2),
    fromAction: toBool(r.fromAction),
    rollupId: (r.rollupId as string | null) ?? null,
    // A roll-up's own rows are written as {"text":"","rollup":…} (delivery/fold.ts): no parse needed.
    ofRollup: typeof r.body === "string" ? r.body.startsWith('{"text":"","rollup":') : false,
    claimToken: (r.claimToken as string | null) ?? null,
  };
}

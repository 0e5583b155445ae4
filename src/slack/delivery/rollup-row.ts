// A roll-up as its row says, and the decision whether a lane's news should fold into one. The
// decision is taken inside the sender's claim (cheap, bounded statements); the folding itself
// runs afterwards in its own transaction (fold.ts), so no claim holds a lane while it works.
import { toDate, toNum, type Sql } from "../../infra/db/sql.ts";
import { isDmLane } from "../../outbox/message.ts";
import type { DeliverySettings } from "./settings.ts";

export interface RollupRow {
  id: string;
  lane: string;
  channel: string;
  groupKey: string;
  head: string;
  parentId: string;
  count: number;
  urgent: number;
  shownCount: number;
  openedAt: Date;
  lastFoldAt: Date;
  editAfter: Date | null;
  status: string;
}

export const toRollup = (r: Record<string, unknown>): RollupRow => ({
  id: String(r.id),
  lane: String(r.lane),
  channel: String(r.channel),
  groupKey: String(r.groupKey),
  head: String(r.head),
  parentId: String(r.parentId),
  count: toNum(r.count),
  urgent: toNum(r.urgent),
  shownCount: toNum(r.shownCount),
  openedAt: toDate(r.openedAt),
  lastFoldAt: toDate(r.lastFoldAt),
  editAfter: r.editAfter ? toDate(r.editAfter) : null,
  status: String(r.status),
});

/** The head of a lane whose news may be grouped. */
export interface FoldHead {
  lane: string;
  channel: string | null;
  groupKey: string;
  item: string;
  priority: number;
  createdAt: Date;
}

/** What the claim should do with such a lane: send its head, fold, or wait for the wave. */
export type FoldVerdict = "send" | "fold" | { waitUntil: Date };

export async function openRollup(q: Sql, lane: string, key: string): Promise<RollupRow | undefined> {
  const r = await q.get(
    `SELECT * FROM "Rollup" WHERE "lane" = ? AND "groupKey" = ? AND "status" = 'open' ORDER BY "openedAt" DESC LIMIT 1`,
    [lane, key],
  );
  return r ? toRollup(r) : undefined;
}

/** A roll-up still open for news: its last item came within the group interval. */
export const isLive = (r: RollupRow, s: DeliverySettings, now: Date) =>
  now.getTime() - r.lastFoldAt.getTime() < s.groupIntervalMs;

/** How many queued messages of one kind make a lane worth folding (Infinity: never). */
function threshold(lane: string, s: DeliverySettings): number {
  if (isDmLane(lane)) return 2;
  return s.paceMs > 0 ? Math.floor(s.queueBudgetMs / s.paceMs) + 1 : Infinity;
}

/** A DM's wave is over when nothing more of it has come for this long. */
const WAVE_QUIET_MS = 300;

/**
 * Fold when a roll-up of that kind is still open in the lane, or when the queue holds more of it
 * than the lane can send within the queue budget (for a DM: more than one, at once). A lone DM first
 * waits `groupWaitMs` for the rest of its wave.
 */
export async function foldVerdict(q: Sql, s: DeliverySettings, head: FoldHead, now: Date): Promise<FoldVerdict> {
  const open = await openRollup(q, head.lane, head.groupKey);
  if (open && isLive(open, s, now)) return "fold";
  const need = threshold(head.lane, s);
  if (!Number.isFinite(need)) return "send";
  const n = await q.get<{ n: unknown }>(
    `SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM "OutboxMessage" WHERE "lane" = ? AND "status" = 'pending'
       AND "groupKey" = ? AND "claimToken" IS NULL LIMIT ?) AS "q"`,
    [head.lane, head.groupKey, need],
  );
  const waiting = isDmLane(head.lane) && s.groupWaitMs > 0 && now.getTime() - head.createdAt.getTime() < s.groupWaitMs;
  if (toNum(n?.n ?? 0) < need) {
    // A lone DM waits for the rest of its wave.
    return waiting ? { waitUntil: new Date(head.createdAt.getTime() + s.groupWaitMs) } : "send";
  }
  if (!waiting) return "fold";
  // A wave is here (two of a kind for one person): it folds once nothing more of it has come for
  // a moment, rather than at the end of the group wait. A batch of 09:00 reminders arrives within
  // a fraction of a second; what still comes after is listed right behind its DM (fold.ts).
  const last = await q.get<{ at: unknown }>(
    `SELECT MAX("createdAt") AS "at" FROM "OutboxMessage" WHERE "lane" = ? AND "status" = 'pending' AND "groupKey" = ?`,
    [head.lane, head.groupKey],
  );
  const quietAt = toDate(last?.at ?? head.createdAt).getTime() + WAVE_QUIET_MS;
  if (quietAt <= now.getTime()) return "fold";
  return { waitUntil: new Date(Math.min(quietAt, head.createdAt.getTime() + s.groupWaitMs)) };
}

/**
 * A channel whose queue is past its budget, with an edit of a message already shown at its head:
 * the lane's edits of shown messages are put aside (fold.ts deferEdits) so they never hold up news.
 */
export function shouldDefer(s: DeliverySettings, lane: string, pending: number, headKind: string): boolean {
  if (headKind !== "update" || isDmLane(lane) || lane.includes(":") || s.paceMs <= 0) return false;
  return pending * s.paceMs > s.queueBudgetMs;
}

/** When the newest item already in a roll-up was queued. */
export async function lastQueued(q: Sql, rollupId: string): Promise<number | undefined> {
  const row = await q.get<{ at: unknown }>(
    `SELECT MAX("createdAt") AS "at" FROM "OutboxMessage" WHERE "rollupId" = ? AND "item" IS NOT NULL`,
    [rollupId],
  );
  return row?.at ? toDate(row.at).getTime() : undefined;
}

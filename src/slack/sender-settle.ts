// The last step of a sender's claim (sender-claim.ts): each judged lane's row is written (released
// to wait, rested when empty, kept at its head's priority), and the heads that go are taken.
// The lanes were taken by a transaction of their own, so an enqueue may have changed a head since
// it was read: an edit merged into its content, or the head superseded by a newer edit. Taking
// the heads re-reads them under their row locks; a changed head goes as it is now, a superseded
// one not at all, and its lane is judged again.
import { marks, spelling, type Sql } from "../infra/db/sql.ts";
import type { FoldHead } from "./delivery/rollup-row.ts";
import type { OutboxRow } from "./outbox-row.ts";

export type Decision =
  | { kind: "send"; row: OutboxRow }
  | { kind: "fold"; fold: FoldHead }
  | { kind: "defer" }
  | { kind: "wait"; until: Date | null }
  | { kind: "candidate"; row: OutboxRow };

export interface Judged {
  lane: string;
  /** The lane's count when it was claimed: more now means messages came since. */
  pending: number;
  /** The head's priority. */
  priority: number;
  d: Decision | { kind: "empty" };
}

export interface Claimed {
  heads: OutboxRow[];
  /** Lanes kept claimed for folding their news into a roll-up (delivery/fold.ts), after the claim. */
  folds: FoldHead[];
  /** Lanes kept claimed for putting their edits aside, after the claim. */
  defers: string[];
}

export interface SettleContext {
  token: string;
  now: Date;
  lease: Date;
}

const byLane = (a: Judged, b: Judged) => (a.lane < b.lane ? -1 : a.lane > b.lane ? 1 : 0);

export async function settleLanes(q: Sql, c: SettleContext, judged: Judged[]): Promise<Claimed> {
  // Lane rows are written in lane order, the order an enqueue locks them in: never a deadlock.
  for (const x of [...judged].sort(byLane)) await settle(q, c, x);
  const claimed: Claimed = { heads: [], folds: [], defers: [] };
  for (const { lane, d } of judged) {
    if (d.kind === "defer") claimed.defers.push(lane);
    else if (d.kind === "fold") claimed.folds.push(d.fold);
    else if (d.kind === "send") claimed.heads.push(d.row);
  }
  if (!claimed.heads.length) return claimed;
  const taken = await q.all<{ id: string; body: unknown }>(
    `UPDATE "OutboxMessage" SET "attempts" = "attempts" + 1, "leaseUntil" = ?, "claimToken" = ?
     WHERE "id" IN (${marks(claimed.heads.length)}) AND "status" = 'pending' RETURNING "id", "body"`,
    [c.lease, c.token, ...claimed.heads.map((h) => h.id)],
  );
  const now = new Map(taken.map((t) => [t.id, t.body]));
  const gone = claimed.heads.filter((h) => !now.has(h.id));
  for (const h of gone)
    await q.run(`UPDATE "OutboxLane" SET "nextAt" = ?, "claimToken" = NULL WHERE "lane" = ?`, [c.now, h.lane]);
  claimed.heads = claimed.heads.filter((h) => now.has(h.id)).map((h) => ({ ...h, body: now.get(h.id) }));
  return claimed;
}

/** A judged lane's row: released to wait, rested when empty, or kept at its head's priority. */
async function settle(q: Sql, c: SettleContext, { lane, pending, priority, d }: Judged): Promise<void> {
  const { greatest: most, stamp: at } = spelling(q.dialect);
  if (d.kind === "wait") {
    // Something more urgent than the head, queued since the claim, has the lane judged again now
    // (an enqueue leaves a claimed lane's time alone): a person's answer never waits for a page.
    await q.run(
      `UPDATE "OutboxLane" SET "nextAt" = CASE WHEN "pending" > ? AND "priority" < ? THEN ${at} ELSE ${at} END,
         "claimToken" = NULL WHERE "lane" = ?`,
      [pending, priority, c.now, d.until, lane],
    );
  } else if (d.kind === "empty") {
    // Counted as busy but empty (a row removed by hand): the lane rests until something comes.
    // What was queued since the claim (no lock held it off) is counted on and keeps it awake.
    await q.run(
      `UPDATE "OutboxLane" SET "pending" = ${most}("pending" - ?, 0), "claimToken" = NULL, "priority" = 2,
         "nextAt" = CASE WHEN "pending" > ? THEN ${at} ELSE NULL END WHERE "lane" = ?`,
      [pending, pending, c.now, lane],
    );
  } else if (d.kind === "send") {
    await q.run(`UPDATE "OutboxLane" SET "priority" = ? WHERE "lane" = ?`, [d.row.priority, lane]);
  }
}

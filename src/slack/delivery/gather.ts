// Gathering: the lane's queued news of one kind, with the replies and edits that depend on it,
// taken into a roll-up (status folded) and counted there. Folding a lane (fold.ts) gathers; so does
// a roll-up's message about to go (rollup-render.ts), so that it lists what waited behind it.
import { inSlices, marks, spelling, type Dialect, type Sql } from "../../infra/db/sql.ts";
import type { RollupRow } from "./rollup-row.ts";

const parse = (body: unknown): Record<string, unknown> =>
  (typeof body === "string" ? JSON.parse(body) : (body ?? {})) as Record<string, unknown>;

/** An item's rank (0 VIP … 3): 0 and 1 count as urgent in the roll-up. */
const rankOf = (item: unknown): number => {
  const text = typeof item === "string" ? item : JSON.stringify(item ?? {});
  return Number((JSON.parse(text) as { rank?: number } | null)?.rank ?? 2);
};

/**
 * A roll-up's message about to go lists what of its kind is queued in its lane by then: news that
 * waited behind a DM's page for its turn (twice a minute) is in that page, not in the next one
 * half a minute later. The sender holds the lane while it sends; its count is brought down here.
 */
export async function gatherQueued(q: Sql, r: RollupRow, now: Date): Promise<void> {
  if (r.status !== "open") return;
  const { folded, gone } = await gather(q, r.id, r.lane, r.groupKey);
  if (!gone) return;
  await counted(q, r, folded, now);
  await q.run(`UPDATE "OutboxLane" SET "pending" = "pending" - ? WHERE "lane" = ?`, [gone, r.lane]);
}

export type Folded = { id: string; item: unknown; createdAt: unknown };

/** The lane's queued news of one kind, and the replies and edits that depend on it, into roll-up `id`. */
export async function gather(
  q: Sql,
  id: string,
  lane: string,
  groupKey: string,
): Promise<{ folded: Folded[]; gone: number }> {
  const folded = await q.all<Folded>(
    `UPDATE "OutboxMessage" SET "status" = 'folded', "rollupId" = ?
     WHERE "lane" = ? AND "status" = 'pending' AND "groupKey" = ? AND "claimToken" IS NULL
     RETURNING "id", "item", "createdAt"`,
    [id, lane, groupKey],
  );
  if (!folded.length) return { folded, gone: 0 };
  const dependents = await foldDependents(
    q,
    id,
    lane,
    folded.map((f) => f.id),
  );
  return { folded, gone: folded.length + dependents };
}

/** The roll-up's counts with the items just folded. */
export async function counted(q: Sql, r: RollupRow, folded: Folded[], now: Date): Promise<void> {
  r.count += folded.length;
  // Urgent by what the item is (a VIP or urgent case, an overdue item), not by how soon it had
  // to go: a reminder goes first for its time without being urgent news.
  r.urgent += folded.filter((f) => rankOf(f.item) <= 1).length;
  r.lastFoldAt = now;
  await q.run(`UPDATE "Rollup" SET "count" = ?, "urgent" = ?, "lastFoldAt" = ? WHERE "id" = ?`, [
    r.count,
    r.urgent,
    now,
    r.id,
  ]);
}

/**
 * The replies under `n` folded messages, folded with them. Found by their thread: by the lane
 * (SQLite's choice without `unindexed`) the statement read every pending message of the lane,
 * 30,000 card edits in a tier channel during a 30,000-case backlog, 1 ms a fold.
 */
export const repliesFolded = (d: Dialect, n: number) =>
  `UPDATE "OutboxMessage" SET "status" = 'folded', "rollupId" = ?
   WHERE ${spelling(d).unindexed}"lane" = ? AND "status" = 'pending' AND "kind" = 'post' AND "claimToken" IS NULL
     AND "threadOfId" IN (${marks(n)})`;

/** Replies under the folded messages fold with them; an edit of one becomes its content. */
async function foldDependents(q: Sql, rollupId: string, lane: string, ids: string[]): Promise<number> {
  let n = 0;
  await inSlices(ids, 500, async (slice) => {
    n += await q.run(repliesFolded(q.dialect, slice.length), [rollupId, lane, ...slice]);
    const edits = await q.all<{ id: string; targetId: string; body: unknown }>(
      `SELECT "id", "targetId", "body" FROM "OutboxMessage" WHERE "targetId" IN (${marks(slice.length)})
         AND "status" = 'pending' AND "kind" = 'update' AND "claimToken" IS NULL ORDER BY "seq"`,
      slice,
    );
    for (const e of edits) {
      const t = await q.get<{ body: unknown }>(`SELECT "body" FROM "OutboxMessage" WHERE "id" = ?`, [e.targetId]);
      const merged = { ...parse(t?.body), ...parse(e.body) };
      await q.run(`UPDATE "OutboxMessage" SET "body" = ? WHERE "id" = ?`, [JSON.stringify(merged), e.targetId]);
      n += await q.run(`UPDATE "OutboxMessage" SET "status" = 'superseded' WHERE "id" = ?`, [e.id]);
    }
  });
  return n;
}

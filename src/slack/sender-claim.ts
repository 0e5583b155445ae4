// One claim of the sender (sender.ts). The first statement takes the lanes whose next message
// is due (the most urgent first; on PostgreSQL with SKIP LOCKED so replicas never share a lane) by
// writing its token on them, and commits: from then on the token holds them, not a row lock, so an
// escalation queueing into the same lanes never waits behind the rest of the claim (on two
// replicas it did, 20-40 ms a batch). Then each lane's most urgent message is read and judged:
// send it now, fold it and its kind into a roll-up (delivery/fold.ts), put a channel's queued
// edits aside, or wait for Slack's budget of that method (delivery/budget.ts). A lane that waits
// keeps its order: nothing overtakes. sender-settle.ts writes the outcome.
import { marks, toDate, toNum, type Sql } from "../infra/db/sql.ts";
import { isDmLane, PRIORITY } from "../outbox/message.ts";
import { BudgetBook, methodsOf } from "./delivery/budget.ts";
import { closeQuietRollups } from "./delivery/fold.ts";
import { foldVerdict, shouldDefer, type FoldHead } from "./delivery/rollup-row.ts";
import type { DeliverySettings } from "./delivery/settings.ts";
import { methodOf } from "./sender-deliver.ts";
import { toRow, type OutboxRow } from "./outbox-row.ts";
import { settleLanes, type Claimed, type Decision, type Judged } from "./sender-settle.ts";

export type { Claimed } from "./sender-settle.ts";

export interface ClaimContext {
  token: string;
  now: Date;
  lease: Date;
  /** How many lanes this sender may take now. */
  free: number;
  /** Lanes this process is still sending on. */
  busy: string[];
  settings: DeliverySettings;
}

/** Each lane's most urgent queued message, found through the (lane, status, priority, seq) index. */
async function headsOf(q: Sql, lanes: string[]): Promise<Map<string, Record<string, unknown>>> {
  const rows = await q.all<Record<string, unknown>>(
    `SELECT m.* FROM "OutboxMessage" AS m WHERE m."id" IN (
       SELECT (SELECT h."id" FROM "OutboxMessage" AS h WHERE h."lane" = l."lane" AND h."status" = 'pending'
               ORDER BY h."priority", h."seq" LIMIT 1)
       FROM (SELECT "column1" AS "lane" FROM (VALUES ${lanes.map(() => "(?)").join(", ")}) AS v) AS l)`,
    lanes,
  );
  return new Map(rows.map((r) => [String(r.lane), r]));
}

type ClaimedLane = { lane: string; pending: unknown };

/** The methods Slack has paused (a 429's Retry-After), until when. */
async function pausesOf(q: Sql, now: Date): Promise<Map<string, Date>> {
  const rows = await q.all<{ method: string; until: unknown }>(
    `SELECT "method", "until" FROM "SlackPause" WHERE "until" > ?`,
    [now],
  );
  return new Map(rows.map((p) => [p.method, toDate(p.until)]));
}

/**
 * The lanes whose next message is due, claimed until the lease: one statement, committed on its
 * own (a transaction around it would cost two more round trips a claim and hold nothing longer).
 */
async function claimLanes(q: Sql, c: ClaimContext): Promise<ClaimedLane[]> {
  const skip = q.dialect === "postgres" ? " FOR UPDATE SKIP LOCKED" : "";
  // A lane this process is still sending on is never taken again by this process, even when its
  // lease ran out on a clock that jumped (a test's, or the sandbox's +1 day): only another
  // replica, after the lease, may conclude that this one died.
  const notBusy = c.busy.length ? ` AND "lane" NOT IN (${marks(c.busy.length)})` : "";
  const lanes = await q.all<{ lane: string; pending: unknown }>(
    `UPDATE "OutboxLane" SET "nextAt" = ?, "claimToken" = ?
     WHERE "lane" IN (SELECT "lane" FROM "OutboxLane" WHERE "nextAt" <= ?${notBusy}
                      ORDER BY "priority", "nextAt" LIMIT ?${skip}) RETURNING "lane", "pending"`,
    [c.lease, c.token, c.now, ...c.busy, c.free],
  );
  return lanes;
}

interface Judge {
  q: Sql;
  c: ClaimContext;
  pauses: Map<string, Date>;
}

/** What one claimed lane does with its head now, but for Slack's budget (spend, below). */
async function decide(j: Judge, lane: string, pending: unknown, head: Record<string, unknown>): Promise<Decision> {
  const { q, c } = j;
  const { now, settings } = c;
  const row = toRow(head);
  const paused = j.pauses.get(methodOf(row.kind));
  if (paused) return { kind: "wait", until: paused };
  // A head backing off after a failure keeps its time when something else woke the lane.
  const retryAt = head.nextAttemptAt ? toDate(head.nextAttemptAt) : undefined;
  if (retryAt && retryAt > now) return { kind: "wait", until: retryAt };
  // Work whose cost grows with the backlog runs after this claim, with the lane still ours.
  if (settings.rollups && shouldDefer(settings, lane, toNum(pending), row.kind)) return { kind: "defer" };
  if (settings.rollups && head.groupKey && head.item) {
    const fold: FoldHead = {
      lane,
      channel: row.channel,
      groupKey: String(head.groupKey),
      item: String(typeof head.item === "string" ? head.item : JSON.stringify(head.item)),
      priority: row.priority,
      createdAt: row.createdAt,
    };
    const verdict = await foldVerdict(q, settings, fold, now);
    if (verdict === "fold") return { kind: "fold", fold };
    if (verdict !== "send") return { kind: "wait", until: verdict.waitUntil };
  }
  // A page of news in a person's DM roll-up waits for its turn (twice a minute), news behind it
  // too; what the person does meanwhile (priority 0) is a head before it and goes at once. The
  // page holding what the DM had no room for goes right behind it (the DM's render opens the turn),
  // and so does every page of a wave promised for its time (urgent: reminders). A long wave of
  // news (a minute of escalations for each of 200 owners) made a page at every fold, 3.5 an owner:
  // 1,181 posts where the workspace allows 540 a minute, the owner's DM p99 113 s; paced, 61 s.
  if (row.ofRollup && row.threadOfId && isDmLane(lane) && row.rollupId && row.priority > PRIORITY.urgent) {
    const r = await q.get<{ pageAfter: unknown }>(`SELECT "pageAfter" FROM "Rollup" WHERE "id" = ?`, [row.rollupId]);
    const after = r?.pageAfter ? toDate(r.pageAfter) : undefined;
    if (after && after > now) return { kind: "wait", until: after };
  }
  return { kind: "candidate", row };
}

/** A head that may go now if Slack's budget of its methods allows. */
function spend(book: BudgetBook, c: ClaimContext, row: OutboxRow): Decision {
  // A claim token left on the row means the last claim recorded no outcome (a retry clears it,
  // a send or a failure ends the row): that sender died, and Slack may have the message.
  const inDoubt = row.claimToken !== null;
  const wait = book.take(methodsOf(row.kind, row.channel, inDoubt), row.priority);
  if (wait !== undefined) return { kind: "wait", until: new Date(wait) };
  return { kind: "send", row: { ...row, attempts: row.attempts + 1, claimToken: c.token, inDoubt } };
}

/**
 * Takes the due lanes, judges their heads, spends Slack's budget on the ones that may go, and
 * settles the lanes and takes those heads: a statement and three short transactions, so that no
 * lock is held across another's wait (an escalation's lanes, the budget every replica shares). Lanes left unanswered
 * by an error or a crash are taken again once their lease is over.
 */
export async function claimHeads(sql: Sql, c: ClaimContext): Promise<Claimed> {
  const lanes = await claimLanes(sql, c);
  const decided = await sql.tx(async (q) => {
    await closeQuietRollups(q, c.settings, c.now);
    return lanes.length ? judgeLanes(q, c, await pausesOf(q, c.now), lanes) : [];
  });
  if (!decided.length) return { heads: [], folds: [], defers: [] };
  // Every replica's claim takes the budget rows' locks: held for this transaction alone.
  const final = decided.some((x) => x.d.kind === "candidate")
    ? await sql.tx(async (q) => {
        const book = await BudgetBook.open(q, c.settings.budgets, c.now);
        const spent = decided.map((x) => (x.d.kind === "candidate" ? { ...x, d: spend(book, c, x.d.row) } : x));
        await book.save(q);
        return spent;
      })
    : decided;
  return sql.tx((q) => settleLanes(q, c, final));
}

async function judgeLanes(q: Sql, c: ClaimContext, pauses: Map<string, Date>, lanes: ClaimedLane[]): Promise<Judged[]> {
  const found = await headsOf(
    q,
    lanes.map((l) => l.lane),
  );
  const judge: Judge = { q, c, pauses };
  // The most urgent heads first: they take Slack's budget before bulk does.
  const order = lanes
    .map((l) => ({ ...l, head: found.get(l.lane) }))
    .sort((a, b) => toNum(a.head?.priority ?? 9) - toNum(b.head?.priority ?? 9));
  const decided: Judged[] = [];
  for (const { lane, pending, head } of order)
    decided.push({
      lane,
      pending: toNum(pending),
      priority: toNum(head?.priority ?? 9),
      d: head ? await decide(judge, lane, pending, head) : { kind: "empty" },
    });
  return decided;
}

// Folding: when news of one kind would wait in a lane (a tier channel in a storm, a person's DM in
// a wave of reminders), the queued messages of that kind stop being sent one by one and are
// gathered into one roll-up (Rollup): a message posted once and edited in place, with every item
// listed in its thread. Replies under a folded message fold with it, and an edit of one becomes
// its content, so nothing that depends on it is sent without it. Folded messages are kept, not
// dropped: the roll-up lists each one, and "Post them one by one" sends them on request.
//
// The sender's claim decides to fold (rollup-row.ts) and keeps the lane claimed; the work runs here, in
// its own transaction, touching the lane's row only at its end: an escalation's commit never waits on it.
import { newId } from "../../infra/db/ids.ts";
import { spelling, toDate, type Sql } from "../../infra/db/sql.ts";
import { isDmLane, PRIORITY } from "../../outbox/message.ts";
import { enqueueMany } from "../../outbox/outbox.ts";
import { isLive, lastQueued, openRollup, toRollup, type FoldHead, type RollupRow } from "./rollup-row.ts";
import { counted, gather } from "./gather.ts";
import { EDIT_EVERY_MS, type DeliverySettings } from "./settings.ts";

/**
 * A channel's roll-up is what a whole tier looks at: it goes before the DMs of the same wave,
 * which share the workspace's posts with it.
 */
const rollupPriority = (lane: string) => (isDmLane(lane) ? ("news" as const) : ("urgent" as const));

/** Hands a lane back to the queue once the work on it is written, if this sender still holds it. */
async function releaseLane(q: Sql, lane: string, left: number, token: string, now: Date) {
  const { greatest: most, stamp: at } = spelling(q.dialect);
  // One statement: the lane's row is what escalations queueing into it wait for (two, measured on
  // two replicas, took 4.3 ms a fold waiting for it, and held it across a round trip more).
  await q.run(
    `UPDATE "OutboxLane" SET "pending" = "pending" - ?,
       "nextAt" = CASE WHEN "claimToken" = ? THEN ${most}(${at}, COALESCE("pacedUntil", ${at})) ELSE "nextAt" END,
       "claimToken" = CASE WHEN "claimToken" = ? THEN NULL ELSE "claimToken" END
     WHERE "lane" = ?`,
    [left, token, now, now, token, lane],
  );
}

/** Folds the lane's queued news of the head's kind into its open roll-up, or a new one. */
export async function foldLane(sql: Sql, s: DeliverySettings, head: FoldHead, token: string, now: Date): Promise<void> {
  await sql.tx(async (q) => {
    let r = await openRollup(q, head.lane, head.groupKey);
    if (r && !isLive(r, s, now) && !(await unsent(q, r))) {
      await closeRollup(q, r, now);
      r = undefined;
    }
    const id = r?.id ?? newId();
    const wave = r && isDmLane(head.lane) ? await lastQueued(q, r.id) : undefined;
    const { folded, gone } = await gather(q, id, head.lane, head.groupKey);
    r ??= await createRollup(q, id, head, now);
    await counted(q, r, folded, now);
    // A wave goes on while its items come less than the group wait apart (300 reminders took 3.4 s
    // beside a CPU hog), however late the sender reaches them: its page goes right behind the DM.
    const oldest = folded.reduce((at, f) => Math.min(at, toDate(f.createdAt).getTime()), Infinity);
    await afterFold(q, s, r, now, wave !== undefined && oldest - wave > s.groupWaitMs);
    await releaseLane(q, head.lane, gone, token, now);
  });
}

async function createRollup(q: Sql, id: string, head: FoldHead, now: Date): Promise<RollupRow> {
  const parentId = newId();
  const title = (JSON.parse(head.item) as { head: unknown }).head;
  const channel = head.channel ?? head.lane;
  await enqueueMany(
    q,
    { now: () => now },
    [
      {
        kind: "post",
        channel,
        body: { text: "", rollup: { id, part: "parent" } },
        // A person's DM roll-up goes as soon as its most urgent item would have (the head folded
        // first is the lane's most urgent): a wave of reminders keeps the reminders' priority.
        priority: isDmLane(head.lane) && head.priority <= PRIORITY.urgent ? "urgent" : rollupPriority(head.lane),
      },
    ],
    [parentId],
  );
  await q.run(`UPDATE "OutboxMessage" SET "rollupId" = ? WHERE "id" = ?`, [id, parentId]);
  await q.run(
    `INSERT INTO "Rollup" ("id", "lane", "channel", "groupKey", "head", "parentId", "count", "urgent", "shownCount",
       "openedAt", "lastFoldAt", "status") VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?, 'open')`,
    [id, head.lane, channel, head.groupKey, JSON.stringify(title), parentId, now, now],
  );
  return toRollup((await q.get(`SELECT * FROM "Rollup" WHERE "id" = ?`, [id]))!);
}

/** Whether the roll-up's own message is still queued (its wave is not over, however long it waits). */
async function unsent(q: Sql, r: RollupRow): Promise<boolean> {
  const p = await q.get<{ status: string }>(`SELECT "status" FROM "OutboxMessage" WHERE "id" = ?`, [r.parentId]);
  return p?.status === "pending";
}

export type PageOf = "overflow" | "wave" | "later";

/**
 * Once the roll-up's message has gone, what arrives later is listed in a page in its thread
 * (a page gathers items until it is sent), and the message is edited at most every 15 s.
 */
async function afterFold(q: Sql, s: DeliverySettings, r: RollupRow, now: Date, later: boolean): Promise<void> {
  const parent = await q.get<{ status: string; claimToken: string | null }>(
    `SELECT "status", "claimToken" FROM "OutboxMessage" WHERE "id" = ?`,
    [r.parentId],
  );
  if (!parent || (parent.status === "pending" && parent.claimToken === null)) return;
  await ensurePage(q, r, now, later ? "later" : "wave");
  // A DM's count is brought up to date aside once its DM is shown (in flight, it is drawn as it goes).
  const countMayGo = !isDmLane(r.lane) || parent.status === "sent";
  if (countMayGo && (!r.editAfter || r.editAfter <= now))
    await ensureSummary(q, r, now, Math.min(EDIT_EVERY_MS, s.groupIntervalMs));
}

/** A page of the roll-up (its parent, its id) queued in its thread and not yet being sent. */
export const PAGE_WAITING = `SELECT 1 AS "x" FROM "OutboxMessage" WHERE "threadOfId" = ? AND "rollupId" = ?
  AND "status" = 'pending' AND "claimToken" IS NULL LIMIT 1`;

/**
 * A page in the roll-up's thread, queued and not yet being sent, to list items not shown yet.
 * `which`: "overflow", what the message itself had no room for; "wave", what came since it went
 * while the wave goes on; "later", what came after a lull or after a page. In a person's DM only
 * the overflow goes as the DM went; more of a wave of news goes after everyone's first DM (bulk):
 * whoever has heard nothing yet goes before whoever gets more of what they have heard, when
 * Slack's posts for the workspace run short. (News pages of 200 owners' long waves took the posts
 * of the last owners' first DMs: their DM came 73 s late.) A wave of reminders is urgent, and all
 * of it goes as the DM went: it is promised for its time.
 */
export async function ensurePage(q: Sql, r: RollupRow, now: Date, which: PageOf = "overflow"): Promise<void> {
  const waiting = await q.get(PAGE_WAITING, [r.parentId, r.id]);
  if (waiting) return;
  const id = newId();
  const page = { id: r.id, part: "page" };
  const parent =
    which !== "later" && isDmLane(r.lane)
      ? await q.get<{ priority: unknown }>(`SELECT "priority" FROM "OutboxMessage" WHERE "id" = ?`, [r.parentId])
      : undefined;
  const asParent = parent && Number(parent.priority) <= PRIORITY.urgent ? ("urgent" as const) : undefined;
  await enqueueMany(
    q,
    { now: () => now },
    [
      {
        kind: "post",
        channel: r.channel,
        threadOfId: r.parentId,
        body: { text: "", rollup: page },
        priority: asParent ?? (which !== "overflow" && isDmLane(r.lane) ? "bulk" : rollupPriority(r.lane)),
      },
    ],
    [id],
  );
  await q.run(`UPDATE "OutboxMessage" SET "rollupId" = ? WHERE "id" = ?`, [r.id, id]);
}

/** An edit of the roll-up's message with the counts and the most urgent items as they are now. */
export async function ensureSummary(q: Sql, r: RollupRow, now: Date, intervalMs: number): Promise<void> {
  const at = new Date(now.getTime() + intervalMs);
  await q.run(`UPDATE "Rollup" SET "editAfter" = ? WHERE "id" = ?`, [at, r.id]);
  r.editAfter = at;
  // A person's DM roll-up lists what came later in its thread: bringing its count up to date can
  // wait for chat.update's spare budget; a channel's roll-up is what the whole team looks at.
  await enqueueMany(q, { now: () => now }, [
    {
      kind: "update",
      targetId: r.parentId,
      body: { text: "", rollup: { id: r.id, part: "summary" } },
      priority: isDmLane(r.lane) ? "bulk" : "news",
      aside: isDmLane(r.lane),
    },
  ]);
}

/** A wave is over: the roll-up closes, with a last edit if it showed fewer items than it holds. */
export async function closeRollup(q: Sql, r: RollupRow, now: Date): Promise<void> {
  const n = await q.run(`UPDATE "Rollup" SET "status" = 'closed' WHERE "id" = ? AND "status" = 'open'`, [r.id]);
  if (n !== 1 || r.count <= r.shownCount) return;
  const parent = await q.get<{ status: string }>(`SELECT "status" FROM "OutboxMessage" WHERE "id" = ?`, [r.parentId]);
  if (parent?.status === "sent") await ensureSummary(q, r, now, 0);
}

/**
 * Roll-ups quiet for a group interval, closed (each with its last edit). One whose message has
 * not gone yet is not quiet: what is queued behind it is its wave and goes in it (gather.ts).
 * (Closed while their DM waited 73 s for Slack's posts, nine owners got a second DM.)
 */
export async function closeQuietRollups(q: Sql, s: DeliverySettings, now: Date): Promise<void> {
  const quiet = await q.all(
    `SELECT * FROM "Rollup" WHERE "status" = 'open' AND "lastFoldAt" <= ?
       AND NOT EXISTS (SELECT 1 FROM "OutboxMessage" AS "m" WHERE "m"."id" = "Rollup"."parentId" AND "m"."status" = 'pending')
     LIMIT 50`,
    [new Date(now.getTime() - s.groupIntervalMs)],
  );
  for (const r of quiet) await closeRollup(q, toRollup(r), now);
}

/**
 * Puts a busy channel's queued edits of messages already shown aside, in a lane of their own
 * ("d:" + channel) that spends only chat.update's spare budget: a storm's thousands of "moved to
 * tier 2" edits of old cards then never hold up news.
 */
export async function deferEdits(sql: Sql, lane: string, token: string, now: Date): Promise<void> {
  await sql.tx(async (q) => {
    const aside = `d:${lane}`;
    const n = await q.run(
      `UPDATE "OutboxMessage" SET "lane" = ?, "priority" = ${PRIORITY.bulk}
       WHERE "lane" = ? AND "status" = 'pending' AND "kind" = 'update' AND "priority" >= ${PRIORITY.news}
         AND "claimToken" IS NULL
         AND EXISTS (SELECT 1 FROM "OutboxMessage" AS t WHERE t."id" = "OutboxMessage"."targetId" AND t."status" = 'sent')`,
      [aside, lane],
    );
    if (n > 0) {
      await q.run(
        `INSERT INTO "OutboxLane" ("lane", "nextAt", "pending", "priority") VALUES (?, ?, ?, ${PRIORITY.bulk})
         ON CONFLICT ("lane") DO UPDATE SET "pending" = "OutboxLane"."pending" + excluded."pending",
           "nextAt" = COALESCE("OutboxLane"."nextAt", excluded."nextAt")`,
        [aside, now, n],
      );
    }
    await releaseLane(q, lane, n, token, now);
  });
}

// Folded messages posted on request ("Post them one by one", or one of them from the roll-up's
// menu): each goes back into its lane after everything queued there now, with the replies and
// edits that folded with it, in their order. One item asked for by a person goes before bulk;
// all of them go as bulk, so that news arriving meanwhile isn't held up behind them.
import { nextSeq } from "../../infra/db/ids.ts";
import { spelling, toNum, type Sql } from "../../infra/db/sql.ts";
import { PRIORITY } from "../../outbox/message.ts";

export type UnfoldWhat = { rollupId: string } | { rollupId: string; messageId: string };

/** Puts folded messages back in their lanes; returns how many items (not counting their replies). */
export async function unfold(sql: Sql, now: Date, what: UnfoldWhat): Promise<number> {
  return sql.tx(async (q) => {
    const one = "messageId" in what;
    const items = await q.all<{ id: string; lane: string }>(
      `SELECT "id", "lane" FROM "OutboxMessage" WHERE "rollupId" = ? AND "status" = 'folded' AND "item" IS NOT NULL
       ${one ? `AND "id" = ?` : ""}`,
      one ? [what.rollupId, what.messageId] : [what.rollupId],
    );
    if (!items.length) return 0;
    const lanes = [...new Set(items.map((i) => i.lane))].sort();
    const priority = one ? PRIORITY.interactive : PRIORITY.bulk;
    const scope = one ? `("id" = ? OR "threadOfId" = ?)` : `"rollupId" = ? AND "status" = 'folded'`;
    const params = one ? [what.messageId, what.messageId] : [what.rollupId];
    const first = await q.get<{ s: unknown }>(
      `SELECT MIN("seq") AS "s" FROM "OutboxMessage" WHERE ${scope} AND "status" = 'folded'`,
      params,
    );
    // After everything queued now, in the order they were queued among themselves.
    const shift = nextSeq() - toNum(first?.s ?? 0) + 1;
    // The lanes first, as every writer takes them: a claim and this can't wait on each other.
    for (const lane of lanes) {
      await q.run(
        `INSERT INTO "OutboxLane" ("lane", "nextAt", "pending") VALUES (?, NULL, 0)
         ON CONFLICT ("lane") DO UPDATE SET "pending" = "OutboxLane"."pending"`,
        [lane],
      );
    }
    const back = await q.all<{ lane: string }>(
      `UPDATE "OutboxMessage" SET "status" = 'pending', "groupKey" = NULL, "priority" = ?, "claimToken" = NULL,
         "seq" = "seq" + ?, "nextAttemptAt" = ? WHERE ${scope} AND "status" = 'folded' RETURNING "lane"`,
      [priority, shift, now, ...params],
    );
    for (const lane of lanes) {
      await q.run(
        `INSERT INTO "OutboxLane" ("lane", "nextAt", "pending", "priority") VALUES (?, ?, ?, ?)
         ON CONFLICT ("lane") DO UPDATE SET "pending" = "OutboxLane"."pending" + excluded."pending",
           "nextAt" = COALESCE("OutboxLane"."nextAt", excluded."nextAt"),
           "priority" = ${spelling(q.dialect).least}("OutboxLane"."priority", excluded."priority")`,
        [lane, now, back.filter((b) => b.lane === lane).length, priority],
      );
    }
    return items.length;
  });
}

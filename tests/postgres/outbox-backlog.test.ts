// The outbox's cost per message must not grow with the backlog. Before a burst a live database's
// statistics say pending messages are rare; with an index led by "status" the planner then read
// every pending message for each lane head, queued edit or roll-up lookup, the sender's work grew
// with the square of the backlog, and escalation stalled behind it at about 50,000 pending.
//
// Here the statistics are gathered while nothing is pending (and autovacuum is kept away, as a
// burst outruns it); then the same work runs twice: 40 cases escalating with the sender's passes
// after them, then 4,000 more (about 20,000 messages) and the sender again. pg_stat_statements
// counts the buffers each statement touched; per row it returns or changes, no statement may
// read much more with the backlog than without it. "Much more": four times, plus 200 buffers.
// Rows already handled leave dead index entries until vacuum runs (about one index page per 300
// rows), which a lookup steps over; a plan that reads the queue reads thousands.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import { startHarness, type Harness } from "../support/harness.ts";
import { seedClocksPg } from "../support/seed-clocks-pg.ts";

interface Cost {
  calls: number;
  rows: number;
  buffers: number;
}

describe("the outbox with a backlog and statistics from before it", () => {
  let h: Harness;
  let c: pg.Client;
  const clock = new FixedClock("2026-11-11T00:00:00Z");
  beforeAll(async () => {
    // Each lane sends once per second of the frozen clock: the backlog stays while we measure.
    h = await startHarness({ clock, env: { OUTBOX_CHANNEL_INTERVAL: "1s" } });
    c = new pg.Client({ connectionString: h.dbUrl });
    await c.connect();
    await c.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    await c.query(`ALTER TABLE "OutboxMessage" SET (autovacuum_enabled = false)`);
  });
  afterAll(async () => {
    await c.end();
    await h.stop();
  });

  let seeded = 0;
  /** `n` cases at tier 1 whose clocks run out now. */
  async function seed(n: number) {
    const due = clock.now().getTime() + 1000;
    await seedClocksPg(h.dbUrl, n, due, due, 200, seeded);
    seeded += n;
  }

  /** The seeded cases escalate, then five seconds of the sender: each statement's cost. */
  async function escalateAndSend(): Promise<Map<string, Cost>> {
    await c.query("SELECT pg_stat_statements_reset()");
    clock.advance(1000);
    await h.bot.scheduler.runDue();
    for (let s = 0; s < 5; s++) {
      clock.advance(1000);
      await h.bot.sender.drain();
    }
    expect(await h.bot.deps.db.complaintCase.count({ where: { tier: 2, escalations: 1 } })).toBe(seeded);
    const rows = await c.query<{ query: string; calls: string; rows: string; buffers: string }>(
      `SELECT query, SUM(calls) AS calls, SUM(rows) AS rows, SUM(shared_blks_hit + shared_blks_read) AS buffers
       FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND query LIKE '%"OutboxMessage"%' GROUP BY query`,
    );
    return new Map(
      rows.rows.map((r) => [r.query, { calls: Number(r.calls), rows: Number(r.rows), buffers: Number(r.buffers) }]),
    );
  }

  it("no outbox statement reads more per row with 20,000 messages pending", async () => {
    await seed(40);
    await c.query(`ANALYZE`);
    const before = await escalateAndSend();
    await seed(4000);
    const after = await escalateAndSend();
    const pending = await c.query(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE "status" IN ('pending', 'folded')`);
    expect(Number(pending.rows[0].n)).toBeGreaterThan(15_000);
    // The sender saw its backlog grow past fourfold and gathered the statistics again, once.
    expect(h.logs.filter((l) => l.includes("statistics gathered again"))).toHaveLength(1);

    const perRow = (x: Cost) => x.buffers / Math.max(x.calls, x.rows);
    const grew = [...after]
      .filter(([q, x]) => x.calls >= 3 && before.has(q))
      .map(([q, x]) => ({ q: q.slice(0, 160), before: perRow(before.get(q)!), after: perRow(x) }))
      .filter((x) => x.after > 4 * x.before + 200);
    expect(grew).toEqual([]);
    // The comparison covered the sender's lookups, not only the inserts.
    expect([...after.keys()].filter((q) => before.has(q)).length).toBeGreaterThan(5);
  }, 120_000);
});

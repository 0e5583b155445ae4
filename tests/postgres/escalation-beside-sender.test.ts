// Escalation never waits on the sender, however big the backlog (issue 26, item 2). Statistics
// are gathered while the outbox is small, as in a live database before a burst; then 100,000
// messages are queued in the lanes escalations write to (the tier channels, the owners' DMs).
//
// 1. No statement of an escalation reads more per row with 100,000 messages pending than with
//    none (pg_stat_statements' buffers): escalations a second stay flat as the backlog grows
//    (buffers, not seconds: a count a loaded machine can't make flaky).
// 2. A sender working on that backlog is stopped inside each of its transactions, before the
//    first statement that touches a lane's row (the only rows both sides write), holding every
//    lock its backlog-sized work took; a batch of escalations runs meanwhile and must finish
//    without waiting on it, directly or through another transaction (pg_blocking_pids).
import { AsyncResource } from "node:async_hooks";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import { openDatabase } from "../../src/infra/db/db.ts";
import type { Sql } from "../../src/infra/db/sql.ts";
import { createLogger } from "../../src/infra/logger.ts";
import { createSlackApi } from "../../src/slack/api.ts";
import { slackBudgets } from "../../src/slack/delivery/budget.ts";
import { OutboxSender } from "../../src/slack/sender.ts";
import { startHarness, type Harness } from "../support/harness.ts";
import { seedClocksPg } from "../support/seed-clocks-pg.ts";

const SENDER_APP = "shopops-test-sender";

describe("escalation beside the sender, from 0 to 100,000 messages pending", () => {
  let h: Harness;
  let c: pg.Client;
  const clock = new FixedClock("2026-11-11T00:00:00Z");
  let seeded = 0;
  beforeAll(async () => {
    h = await startHarness({ clock, env: { OUTBOX_CHANNEL_INTERVAL: "1s" } });
    // The test's own sender (below) is the only one: it can be stopped where the test says.
    await h.bot.sender.stop();
    c = new pg.Client({ connectionString: h.dbUrl });
    await c.connect();
    await c.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    // A burst outruns autovacuum: the statistics stay those of the small outbox.
    await c.query(`ALTER TABLE "OutboxMessage" SET (autovacuum_enabled = false)`);
    await c.query(`ALTER TABLE "OutboxLane" SET (autovacuum_enabled = false)`);
  });
  afterAll(async () => {
    await c.end();
    await h.stop();
  });

  /**
   * `n` cases whose clocks run out within the next second, escalated by the runner: what each
   * statement cost (buffers per row it returned or changed, per call when it changed none). The
   * runner sizes its batches by the event loop's delay, so how many statements a batch of cases
   * takes depends on the machine's load; what one statement reads per row does not.
   */
  async function escalate(n: number): Promise<Map<string, number>> {
    const due = clock.now().getTime() + 500;
    await seedClocksPg(h.dbUrl, n, due, due, 200, seeded);
    seeded += n;
    await c.query("SELECT pg_stat_statements_reset()");
    clock.advance(1000);
    await h.bot.scheduler.runDue();
    const cost = await c.query<{ query: string; calls: string; rows: string; buffers: string }>(
      `SELECT query, SUM(calls) AS calls, SUM(rows) AS rows, SUM(shared_blks_hit + shared_blks_read) AS buffers
       FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND query NOT ILIKE '%pg_stat_statements%' AND query NOT IN ('BEGIN', 'COMMIT') GROUP BY query`,
    );
    // A statement of 200 rows and one of 50 are one statement: VALUES and IN lists are folded.
    const shape = (q: string) =>
      q
        .replace(/\$\d+(::[\w()]+)?/g, "$")
        .replace(/\((\$, )*\$\)(, \((\$, )*\$\))*/g, "(…)")
        .replace(/\s+/g, " ");
    const by = new Map<string, { calls: number; rows: number; buffers: number }>();
    for (const r of cost.rows) {
      const k = shape(r.query);
      const x = by.get(k) ?? { calls: 0, rows: 0, buffers: 0 };
      by.set(k, {
        calls: x.calls + Number(r.calls),
        rows: x.rows + Number(r.rows),
        buffers: x.buffers + Number(r.buffers),
      });
    }
    return new Map([...by].map(([k, x]) => [k, x.buffers / Math.max(x.calls, x.rows)] as const));
  }

  const escalatedOnce = () => h.bot.deps.db.complaintCase.count({ where: { tier: 2, escalations: 1 } });

  /** 100,000 messages queued as a storm leaves them: tier-2 news, owners' DMs, old cards' edits. */
  let queued = false;
  async function queue100k() {
    queued = true;
    await c.query(
      `INSERT INTO "OutboxMessage" ("id", "kind", "channel", "body", "status", "attempts", "nextAttemptAt", "createdAt",
         "lane", "seq", "priority", "groupKey", "item")
       SELECT 'q' || i, 'post', l.lane, '{"text":"queued news"}', 'pending', 0, $1, $1, l.lane, 1000000 + i, 2,
         l.key, '{"line":"queued","rank":2,"head":{"title":"rollup.complaint.escalated","locale":"en"}}'
       FROM generate_series(1, 100000) AS i,
         LATERAL (SELECT CASE WHEN i % 2 = 0 THEN 'C0TIER2' ELSE 'U0OWNER' || (i % 200) END AS lane,
                         CASE WHEN i % 2 = 0 THEN 'complaint.escalated' ELSE 'complaint.owner' END AS key) AS l`,
      [clock.now()],
    );
    await c.query(
      `INSERT INTO "OutboxLane" ("lane", "nextAt", "pending", "priority")
       SELECT "lane", $1, COUNT(*), 2 FROM "OutboxMessage" WHERE "id" LIKE 'q%' GROUP BY "lane"
       ON CONFLICT ("lane") DO UPDATE SET "pending" = "OutboxLane"."pending" + excluded."pending", "nextAt" = $1`,
      [clock.now()],
    );
  }

  it("an escalation costs the same with 0 and with 100,000 messages pending, statistics from before", async () => {
    await escalate(40);
    await c.query("ANALYZE");
    const at0 = await escalate(200);
    await queue100k();
    const pending = await c.query(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE "status" = 'pending'`);
    expect(Number(pending.rows[0].n)).toBeGreaterThan(100_000);
    const at100k = await escalate(200);
    expect(await escalatedOnce()).toBe(seeded);
    // No statement of the escalation reads more per row with the backlog: none reads the queue.
    const grew = [...at100k]
      .filter(([q]) => at0.has(q))
      .map(([q, after]) => ({ q: q.slice(0, 160), before: at0.get(q)!, after }))
      .filter((x) => x.after > 2 * x.before + 50);
    expect(grew).toEqual([]);
    // The comparison covered the escalation's writes: cases, events, timers, messages, lanes.
    const compared = [...at100k.keys()].filter((q) => at0.has(q));
    const tables = ["ComplaintCase", "ComplaintEvent", "Timer", "OutboxMessage", "OutboxLane"];
    expect(tables.filter((t) => !compared.some((q) => q.includes(`"${t}"`)))).toEqual([]);
  });

  it("escalations finish while a sender is stopped inside each of its transactions, holding its locks", async () => {
    if (!queued) await queue100k();
    const log = createLogger("silent");
    // The sender's connections are named, so that a wait is told apart by who waits: the sender's
    // own transactions waiting on each other are not what this test is about.
    const { sql: base, db } = await openDatabase(
      `${h.dbUrl}${h.dbUrl.includes("?") ? "&" : "?"}application_name=${SENDER_APP}`,
    );
    const blocked: string[] = [];
    // The escalations run as the runner runs them, outside the sender's transaction.
    const escalateOutside = AsyncResource.bind((n: number) => escalate(n));
    // The backends of the sender's transactions stopped here (running a batch, or queued for their
    // turn: one pause at a time); each batch of escalations runs beside all the locks the sender
    // holds at that moment.
    const stopped = new Set<number>();
    const seen = new Map<string, number>();
    const late: Promise<unknown>[] = [];
    let turn: Promise<unknown> = Promise.resolve();
    /**
     * A backend not the sender's waiting, directly or through others, on a stopped
     * transaction: a wait that would last as long as the sender's work. (A short wait on a sender
     * transaction that is not stopped, finishing its last statements, is not one.)
     */
    const waitsOnStopped = () =>
      c.query<{ query: string }>(
        `WITH RECURSIVE chain (pid, blocker) AS (
           SELECT pid, unnest(pg_blocking_pids(pid)) FROM pg_stat_activity
           WHERE application_name <> $1 AND pid <> pg_backend_pid()
           UNION
           SELECT chain.pid, unnest(pg_blocking_pids(chain.blocker)) FROM chain
         )
         SELECT DISTINCT a.query FROM chain JOIN pg_stat_activity a ON a.pid = chain.pid WHERE chain.blocker = ANY($2::int[])`,
        [SENDER_APP, [...stopped]],
      );
    /** Runs a batch of escalations while this transaction holds what it has taken so far. */
    const pauseHere = (pid: number): Promise<unknown> => {
      stopped.add(pid);
      const mine = turn.then(async () => {
        const run = escalateOutside(20);
        let done = false;
        void run.finally(() => (done = true));
        while (!done) {
          const waits = await waitsOnStopped();
          // A wait on a stopped sender would never end: note it and let the sender go on.
          if (waits.rows.length) {
            blocked.push(...waits.rows.map((r) => r.query.slice(0, 200)));
            late.push(run);
            return;
          }
          await new Promise((r) => setTimeout(r, 20));
        }
        await run;
      });
      turn = mine.catch(() => undefined);
      return mine.finally(() => stopped.delete(pid));
    };
    const watched: Sql = {
      ...base,
      tx: (fn) =>
        base.tx(async (q) => {
          const me = (await q.get<{ pid: number }>(`SELECT pg_backend_pid() AS "pid"`))!.pid;
          let paused: Promise<unknown> | undefined;
          // Each kind of transaction (told by its first statement) is stopped twice: a pass sends
          // hundreds of messages, each with its own.
          let kind: string | undefined;
          const due = () => (seen.set(kind!, (seen.get(kind!) ?? 0) + 1), seen.get(kind!)! <= 2);
          const stopBefore = async (text: string) => {
            kind ??= text.replace(/\s+/g, " ").slice(0, 60);
            if (!paused && text.includes(`"OutboxLane"`)) await (paused = due() ? pauseHere(me) : Promise.resolve());
          };
          const out = await fn({
            ...q,
            all: async (text, params) => (await stopBefore(text), q.all(text, params)),
            get: async (text, params) => (await stopBefore(text), q.get(text, params)),
            run: async (text, params) => (await stopBefore(text), q.run(text, params)),
          });
          if (!paused && kind && due()) await pauseHere(me);
          return out;
        }),
    };
    const sender = new OutboxSender(watched, clock, createSlackApi("xoxb-test", h.fake.apiUrl), log, {
      perChannelIntervalMs: 1000,
      delivery: { budgets: slackBudgets({ postsPerMinute: 600, editsPerMinute: 50 }) },
      nameOf: async (ids) => new Map(ids.map((id) => [id, id])),
    });
    try {
      // Passes over the backlog: claims, folds of 50,000 tier-2 news into a roll-up, its DMs,
      // their sends and outcomes.
      for (let pass = 0; pass < 4; pass++) {
        clock.advance(1000);
        await sender.drain();
      }
    } finally {
      await Promise.all(late);
      await sender.stop();
      await db.$disconnect();
    }
    expect(blocked).toEqual([]);
    // Claims' judging, Slack's budget, settling, folds, roll-ups drawn, sends' outcomes.
    expect(seen.size).toBeGreaterThan(5);
    expect(await escalatedOnce()).toBe(seeded);
    // The passes did the backlog's work: the storm's news folded, Slack reached.
    const folded = await c.query(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE "status" = 'folded'`);
    expect(Number(folded.rows[0].n)).toBeGreaterThan(50_000);
    expect(h.fake.callsOf("chat.postMessage").length).toBeGreaterThan(0);
  }, 120_000);
});

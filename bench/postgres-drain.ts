// Draining a backlog on PostgreSQL with 1, 2 and 4 replicas: BENCH_CLOCKS complaint clocks
// (default 20,000) all due at one instant, on one embedded PostgreSQL 17, statistics gathered
// while the outbox held only sent messages (VACUUM ANALYZE before the burst, as a live database
// has them before Double 11). Each replica is `node dist/main.js`; the fake Slack enforces
// Slack's limits. Printed per run: escalations/s from the instant they were due to the last one
// committed, and the pending outbox at the end. The baseline is one process on SQLite, same cases.
//   BENCH_REPLICAS=1,2,4 (default)   BENCH_SQLITE=0 to skip the SQLite reference.
//   BENCH_KILL=1: the last replica is SIGKILLed a third of the way through; then each case is
//   checked to have escalated exactly once, and the lateness shows nothing waited past the lease.
//   The anchor, same server, same run: graphile-worker draining as many jobs due at one instant,
//   with 1, 2 and 4 processes (BENCH_ANCHOR_PROCS), each job an escalation's writes, then each a
//   single row (bench/anchor-graphile.ts). BENCH_ANCHOR=0 skips it.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { seedClocksPg } from "../tests/support/seed-clocks-pg.ts";
import { pgDatabase, startBots, stopPostgres } from "./burst-setup.ts";
import { command, fmt, get, pct, sleep, startBot, startFakeSlack } from "./lib.ts";
import { seedComplaints } from "./seed-complaints.ts";
import { graphileAnchor, type AnchorTask } from "./anchor-graphile.ts";

const N = Number(process.env.BENCH_CLOCKS ?? 20_000);
const REPLICAS = (process.env.BENCH_REPLICAS ?? "1,2,4").split(",").filter(Boolean).map(Number);
const CAP_MS = Number(process.env.BENCH_CAP_S ?? 180) * 1000;
const LEAD_MS = 8_000;
const SEEDED = `SELECT COUNT(*) AS n, MAX("finishedAt") AS last FROM "Timer"
  WHERE "kind" = 'complaint.breach' AND "key" LIKE '%:g1:breach:0' AND "finishedAt" IS NOT NULL`;

const STATS = process.env.BENCH_PG_STATS === "1";
const KILL = process.env.BENCH_KILL === "1";

/** After a replica was killed: each case escalated once, and the latest escalation's lateness. */
async function exactlyOnce(c: pg.Client): Promise<string> {
  const once = await c.query<{ cases: string; once: string; wrong: string }>(
    `SELECT COUNT(*) AS cases, COUNT(*) FILTER (WHERE n = 1) AS once, COUNT(*) FILTER (WHERE n <> 1) AS wrong
     FROM (SELECT c."id", COUNT(e."id") AS n FROM "ComplaintCase" AS c
           LEFT JOIN "ComplaintEvent" AS e ON e."caseId" = c."id" AND e."kind" = 'escalated_auto' GROUP BY c."id") AS x`,
  );
  const late = await c.query<{ p99: number; max: number }>(
    `SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99, MAX(ms) AS max FROM (
       SELECT EXTRACT(EPOCH FROM ("finishedAt" - "dueAt")) * 1000 AS ms FROM "Timer"
       WHERE "kind" = 'complaint.breach' AND "key" LIKE '%:g1:breach:0') AS t`,
  );
  const o = once.rows[0]!;
  const l = late.rows[0]!;
  return `replica killed: ${o.once} of ${o.cases} cases escalated exactly once (${o.wrong} not); lateness p99 ${(l.p99 / 1000).toFixed(1)} s, max ${(l.max / 1000).toFixed(1)} s (lease 30 s)`;
}

/**
 * Statements per 200 escalations, by who sent them (BENCH_PG_STATS=1): the runner's (claims,
 * cases, timers, events, the messages queued), the sender's (lanes, heads, roll-ups, budget,
 * outcomes), and the round trips in all (BEGIN and COMMIT are round trips too).
 */
async function perBatch(c: pg.Client, escalations: number): Promise<string> {
  const rows = (await c.query<{ q: string; calls: string }>(`SELECT query AS q, calls FROM pg_stat_statements`)).rows;
  const sender =
    /"Rollup"|"SlackBudget"|"SlackPause"|UPDATE "OutboxMessage"|UPDATE "OutboxLane"|FROM "OutboxLane"|SELECT m\.\*|FROM "OutboxMessage"/;
  const tx = /^(BEGIN|COMMIT|ROLLBACK)/i;
  const sum = (f: (q: string) => boolean) => rows.filter((r) => f(r.q)).reduce((n, r) => n + Number(r.calls), 0);
  const per = (n: number) => ((n * 200) / escalations).toFixed(0);
  const runner = sum(
    (q) => !tx.test(q) && !sender.test(q) && !/pg_stat|"Timer" WHERE "kind" = \$1 AND "key" LIKE/.test(q),
  );
  const bySender = sum((q) => !tx.test(q) && sender.test(q));
  const txs = sum((q) => tx.test(q));
  return `per 200 escalations: runner ${per(runner)} statements, sender ${per(bySender)}, BEGIN/COMMIT ${per(txs)}`;
}

/** /healthz and a signed /shopops help, each every 100 ms, until `stop` says so: their latencies. */
async function probe(port: number, stop: () => boolean) {
  const health: number[] = [];
  const acks: number[] = [];
  while (!stop()) {
    const [h, a] = await Promise.all([get(port, "/healthz"), command(port, "help", "U0PROBE").catch(() => Infinity)]);
    health.push(h);
    acks.push(a);
    await sleep(100);
  }
  return { health, acks };
}

/** The statements that took the database's time, most first (BENCH_PG_STATS=1). */
async function topStatements(c: pg.Client) {
  const rows = (
    await c.query(`SELECT calls, total_exec_time AS ms, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 150) AS q
      FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25`)
  ).rows;
  for (const r of rows) console.log(`    ${Math.round(r.ms)} ms  ${r.calls} calls  ${r.rows} rows  ${r.q}`);
}

/**
 * CPU seconds used so far by these processes (from /proc: user + system); with `thread`, by each
 * one's main thread alone (its event loop: what one process's rate is bound by).
 */
function cpuOf(pids: number[], thread = false): number {
  const tick = 100; // USER_HZ on Linux
  return pids.reduce((sum, pid) => {
    try {
      const stat = thread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`;
      const f = readFileSync(stat, "utf8").split(") ")[1]!.split(" ");
      return sum + (Number(f[11]) + Number(f[12])) / tick;
    } catch {
      return sum; // a backend that ended meanwhile
    }
  }, 0);
}
const postgresPids = () =>
  readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/comm`, "utf8").trim() === "postgres";
      } catch {
        return false;
      }
    })
    .map(Number);

interface Progress {
  n: number;
  last: number | null;
}

/** Polls until every seeded clock is done or the cap passes; returns escalations/s and done. */
async function watch(due: number, read: () => Promise<Progress>): Promise<{ rate: number; done: number }> {
  for (;;) {
    const p = await read();
    const over = Date.now() - due > CAP_MS;
    if (p.n === N || over) {
      const span = ((p.n === N ? p.last! : Date.now()) - due) / 1000;
      return { rate: p.n / Math.max(span, 0.001), done: p.n };
    }
    await sleep(500);
  }
}

async function sqliteRun(fakePort: number) {
  const path = join(mkdtempSync(join(tmpdir(), "shopops-drain-")), "bench.db");
  const due = Date.now() + LEAD_MS;
  seedComplaints(path, N, due, due);
  const bot = await startBot(fakePort, { DATABASE_URL: `file:${path}`, TIMER_LEASE: "30s" });
  const pid = bot.child.pid!;
  const db = new Database(path, { readonly: true });
  while (Date.now() < due) await sleep(20);
  const cpu0 = { all: cpuOf([pid]), loop: cpuOf([pid], true) };
  const r = await watch(due, async () => {
    const row = db.prepare(SEEDED).get() as { n: number; last: string | null };
    return { n: row.n, last: row.last ? new Date(row.last).getTime() : null };
  });
  const per = (s: number) => ((s * 1000) / r.done).toFixed(2);
  const cpu = ` · CPU per escalation: the bot ${per(cpuOf([pid]) - cpu0.all)} ms, its event loop ${per(cpuOf([pid], true) - cpu0.loop)} ms`;
  db.close();
  await bot.stop();
  return { ...r, cpu };
}

async function postgresRun(fakePort: number, replicas: number) {
  const url = await pgDatabase();
  const due = Date.now() + LEAD_MS + 4_000;
  await seedClocksPg(url, N, due, due);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query("VACUUM ANALYZE");
  if (STATS) await c.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()");
  const bots = await startBots(fakePort, replicas, { DATABASE_URL: url, TIMER_LEASE: "30s" });
  const botPids = bots.map((b) => b.child.pid!);
  // Backends come and go: their CPU is summed over every postgres process at the end and the
  // start (a pool's connections live for the whole run).
  const cpu0 = { bot: cpuOf(botPids), db: cpuOf(postgresPids()) };
  let done = false;
  const probes = (async () => {
    while (Date.now() < due) await sleep(20);
    return probe(bots[0]!.port, () => done);
  })();
  let killed = false;
  const r = await watch(due, async () => {
    const row = (await c.query<{ n: string; last: Date | null }>(SEEDED)).rows[0]!;
    // BENCH_KILL=1: the last replica dies (SIGKILL) a third of the way through the backlog.
    if (KILL && replicas > 1 && !killed && Number(row.n) >= N / 3) {
      killed = true;
      bots.at(-1)!.child.kill("SIGKILL");
    }
    return { n: Number(row.n), last: row.last?.getTime() ?? null };
  });
  done = true;
  const check = KILL ? await exactlyOnce(c) : "";
  const { health, acks } = await probes;
  const pending = (await c.query(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE "status" = 'pending'`)).rows[0].n;
  const cpu = { bot: cpuOf(botPids) - cpu0.bot, db: cpuOf(postgresPids()) - cpu0.db };
  const batch = STATS ? await perBatch(c, r.done) : "";
  if (STATS) await topStatements(c);
  await c.end();
  for (const b of bots) await b.stop();
  return { ...r, pending: Number(pending), cpu, health, acks, batch, check };
}

const fake = await startFakeSlack();
const show = (label: string, r: { rate: number; done: number }, extra = "", unit = "escalations/s") =>
  console.log(
    `  ${label.padEnd(44)} ${Math.round(r.rate).toLocaleString("en")} ${unit}` +
      (r.done < N ? ` (only ${r.done} of ${N} within ${CAP_MS / 1000} s)` : "") +
      extra,
  );
try {
  console.log(`${N.toLocaleString("en")} complaint clocks due at one instant: escalations/s`);
  if (process.env.BENCH_SQLITE !== "0") {
    const r = await sqliteRun(fake.port);
    show("one process on SQLite (baseline)", r, r.cpu);
  }
  for (const n of REPLICAS) {
    const r = await postgresRun(fake.port, n);
    const per = (s: number) => (s * 1000) / r.done;
    const bound = Math.round(2000 / (per(r.cpu.bot) + per(r.cpu.db)));
    show(
      `${n} replica${n > 1 ? "s" : ""} on PostgreSQL 17`,
      r,
      ` · ${r.pending.toLocaleString("en")} messages pending · CPU per escalation: bots ${per(r.cpu.bot).toFixed(2)} ms,` +
        ` PostgreSQL ${per(r.cpu.db).toFixed(2)} ms (all of 2 cores: ${bound.toLocaleString("en")}/s)`,
    );
    console.log(
      `    during the burst: /healthz p99 ${fmt(pct(r.health, 99))}, /shopops help ack p99 ${fmt(pct(r.acks, 99))}` +
        ` (${r.health.length} probes each)${r.batch ? `; ${r.batch}` : ""}`,
    );
    if (r.check) console.log(`    ${r.check}`);
  }
  if (process.env.BENCH_ANCHOR !== "0") {
    const tasks: [AnchorTask, string][] = [
      ["escalate", "an escalation's writes"],
      ["one-row", "one row each"],
    ];
    for (const procs of (process.env.BENCH_ANCHOR_PROCS ?? "1,2,4").split(",").map(Number))
      for (const [task, what] of tasks) {
        const r = await graphileAnchor(await pgDatabase(), N, procs, task, CAP_MS);
        show(`graphile-worker ×${procs}, ${what}`, r, "", "jobs/s");
      }
  }
} finally {
  await fake.stop();
  await stopPostgres();
}

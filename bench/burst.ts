// Bursts under Slack's real limits: what people see, and when, when many promises fall due at once.
// A fake Slack in its own process enforces Slack's limits (1 post/s per channel with a burst of 3,
// 600 posts a minute for the workspace, chat.update at 50 a minute, 429 with Retry-After beyond).
//
//   1. BENCH_CLOCKS (10,000) complaint clocks due within 60 s: one process on SQLite, two replicas
//      on PostgreSQL, and today's behaviour (every message on its own, no budget) on the same fake,
//      cut off BENCH_TODAY_CAP s (300) after the last deadline. BENCH_CLOCK_RUNS picks among
//      sqlite,postgres,today.
//   2. BENCH_FORM_CASES (600) urgent cases opened through the form within a minute, with a 30 s
//      response clock: roll-ups on, and today's behaviour.
//   3. 100 promotions' 09:00 reminders for 20 owners, and 5,000 keyword alerts from one import.
//
// For each: from a case's deadline to its escalation shown in the new tier's channel and in its
// owner's DM (p50/p99), every case in App Home, @-mentions of a tier member per minute, 429s, and
// messages landed twice.
import { clocksRun } from "./burst-clocks.ts";
import { formRun } from "./burst-form.ts";
import { wavesRun } from "./burst-waves.ts";
import { stopPostgres } from "./burst-setup.ts";

const only = (process.env.BENCH_ONLY ?? "clocks,form,waves").split(",");
const N = Number(process.env.BENCH_CLOCKS ?? 10_000);
const FORM = Number(process.env.BENCH_FORM_CASES ?? 600);
const CAP_MS = Number(process.env.BENCH_TODAY_CAP ?? 300) * 1000;
// Which runs of the clocks scenario: sqlite, postgres, today (all three by default).
const CLOCK_RUNS = (process.env.BENCH_CLOCK_RUNS ?? "sqlite,postgres,today").split(",");

console.log(`burst benchmark, ${new Date().toISOString()}`);
if (only.includes("clocks")) {
  console.log(`\n1. ${N.toLocaleString("en-US")} complaint clocks due within 60 s`);
  // The three runs of the clocks scenario, by the name BENCH_CLOCK_RUNS picks them with.
  const runs = {
    sqlite: { label: "shopops, SQLite, one process", db: "sqlite", replicas: 1, today: false },
    postgres: { label: "shopops, PostgreSQL, two replicas", db: "postgres", replicas: 2, today: false },
    today: { label: "today's behaviour, SQLite", db: "sqlite", replicas: 1, today: true },
  } as const;
  for (const [name, run] of Object.entries(runs))
    if (CLOCK_RUNS.includes(name)) await clocksRun({ ...run, n: N, capMs: CAP_MS });
}
if (only.includes("form")) {
  console.log(`\n2. ${FORM} urgent cases opened through the form within a minute, 30 s response clock`);
  await formRun({ label: "shopops", n: FORM, today: false, capMs: CAP_MS });
  await formRun({ label: "today's behaviour", n: FORM, today: true, capMs: CAP_MS });
}
if (only.includes("waves")) {
  console.log(`\n3. 100 promotions' 09:00 reminders for 20 owners; 5,000 keyword alerts from one import`);
  await wavesRun();
}
await stopPostgres();

// A Double 11 day at full size on one process (issue 29): the compiled bot on SQLite, a fake
// Slack in its own process keeping Slack's limits, and, offered open-loop over BENCH_DAY_PEAK
// seconds (120): 10,000 open cases (half acknowledged, half escalating during the peak), a million
// reviews of yesterday in the database plus BENCH_DAY_LIVE_REVIEWS (50,000) through the webhook,
// 24,000 hourly metric rows for 1,000 SKUs through the webhook, 100 promotions' 09:00 reminders,
// 60 commands a second from 500 people (a quarter of them /complaint list), /reviews briefing now
// every 15 s, /healthz every 250 ms. Run twice: alone, and with a CPU-heavy process beside the bot
// (BENCH_DAY_RUNS=alone,busy). Each figure is printed beside its bound.
import { spawn } from "node:child_process";
import { dayReport } from "./day-report.ts";
import { METRICS_TOKEN, peak, REVIEWS_TOKEN } from "./day-load.ts";
import { seedDay } from "./day-seed.ts";
import { atRate, command as ackTimed, fmt, memoryMb, pct, startBareBolt } from "./lib.ts";
import { command, sqliteDb, startBots, startLimitedFake, tempSqlite, waitUntil } from "./burst-setup.ts";
import { moveFirstWave } from "./day-promos.ts";

const PEAK_S = Number(process.env.BENCH_DAY_PEAK ?? 120);
const CASES = Number(process.env.BENCH_DAY_CASES ?? 10_000);
const REVIEWS = Number(process.env.BENCH_DAY_REVIEWS ?? 1_000_000);
const LIVE = Number(process.env.BENCH_DAY_LIVE_REVIEWS ?? 50_000);
const RATE = Number(process.env.BENCH_DAY_RATE ?? 60);
const RUNS = (process.env.BENCH_DAY_RUNS ?? "alone,busy").split(",");
const LEAD_MS = 60_000;
// "storm": the 09:00 wave falls due with the storm's first escalations (the worst moment for
// Slack's workspace post budget); otherwise 30 s into the peak.
const WAVE = process.env.BENCH_DAY_WAVE ?? "peak";

const shanghaiDay = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

async function run(label: string, busy: boolean): Promise<void> {
  console.log(`\n${label}`);
  const path = tempSqlite();
  // The peak starts once the promotions are made; the escalating half is due over its middle.
  const t0 = Date.now();
  const seeded = performance.now();
  const deadlines = seedDay(path, {
    cases: CASES,
    reviews: REVIEWS,
    from: t0 + LEAD_MS + 10_000,
    to: t0 + LEAD_MS + PEAK_S * 1000 - 20_000,
  });
  console.log(
    `  seeded ${CASES} cases and ${REVIEWS.toLocaleString("en-US")} reviews in ${((performance.now() - seeded) / 1000).toFixed(0)} s`,
  );
  const hog = busy ? spawn(process.execPath, ["-e", "for(;;){}"], { stdio: "ignore" }) : undefined;
  const fake = await startLimitedFake();
  // The baseline, same machine, same moment: a bare Bolt app acking the same rate of commands.
  const bare = await startBareBolt(fake.port);
  const bareAcks = await atRate(RATE, 20, () => ackTimed(bare.port, "help", "U0P1"));
  await bare.stop();
  console.log(
    `  baseline: bare Bolt acking ${RATE} commands/s for 20 s: p50 ${fmt(pct(bareAcks, 50))} · p99 ${fmt(pct(bareAcks, 99))} · max ${fmt(Math.max(...bareAcks))}`,
  );
  const [bot] = await startBots(fake.port, 1, {
    DATABASE_URL: `file:${path}`,
    REVIEWS_WEBHOOK_TOKEN: REVIEWS_TOKEN,
    METRICS_WEBHOOK_TOKEN: METRICS_TOKEN,
  });
  const db = sqliteDb(path);
  try {
    const pid = bot!.child.pid!;
    const rssStarted = memoryMb(pid);
    await command(bot!.port, "U0ADMIN", "/reviews", "channel <#C0REVIEWS|reviews>", fake.port);
    const stormAt = t0 + LEAD_MS + 10_000;
    const wave = await moveFirstWave(
      bot!.port,
      fake.port,
      path,
      db,
      WAVE === "storm" ? { owner: "U0PLAN", inMs: Math.max(1_000, stormAt - Date.now()) } : undefined,
    );
    const peakAt = Date.now();
    if (peakAt > t0 + LEAD_MS)
      console.log(`  (set-up ran ${((peakAt - t0 - LEAD_MS) / 1000).toFixed(0)} s past its lead)`);
    const rssStart = memoryMb(pid);
    const load = await peak({
      botPort: bot!.port,
      fakePort: fake.port,
      pid,
      seconds: PEAK_S,
      commandsPerSecond: RATE,
      liveReviews: LIVE,
      skus: 1000,
      today: shanghaiDay(Date.now()),
    });
    // Drained: every escalation and reminder done, nothing but bulk edits left to send.
    const drained = await waitUntil(
      async () =>
        (await db.count(
          `SELECT COUNT(*) AS n FROM "Timer" WHERE status = 'pending' AND kind IN ('complaint.breach', 'promo.remind') AND "dueAt" <= '${new Date().toISOString()}'`,
        )) === 0 &&
        (await db.count(
          `SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE status = 'pending' AND lane NOT LIKE 'd:%' AND (priority < 3 OR (lane LIKE 'U%' AND kind = 'post'))`,
        )) === 0,
      300_000,
      1000,
    );
    const rssEnd = memoryMb(pid);
    await dayReport({
      db,
      fakePort: fake.port,
      deadlines,
      wave,
      load,
      drained,
      rss: { started: rssStarted, start: rssStart, end: rssEnd },
      expect: { reviews: REVIEWS + LIVE, hourRows: 24 * 1000 },
    });
  } finally {
    hog?.kill();
    await db.close();
    await bot!.stop();
    await fake.stop();
  }
}

console.log(`a Double 11 day on one process, ${new Date().toISOString()}; peak ${PEAK_S} s at ${RATE} commands/s`);
if (RUNS.includes("alone")) await run("1. the bot alone on the machine", false);
if (RUNS.includes("busy")) await run("2. with a CPU-heavy process beside it (node -e 'for(;;){}')", true);

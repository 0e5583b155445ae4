// The engine under a burst of due work, on the real scheduler and the real clock, beside
// setTimeout measured in the same run.
//
//   1. setTimeout: N timers due over 60 s, lateness of each callback (the baseline).
//   2. shopops, spread: N open complaint cases whose 2 h clocks run out over the same 60 s.
//      Lateness of each escalation (timer done − due), and meanwhile /healthz every 100 ms and
//      /shopops help at 20 a second. Afterwards: every case escalated exactly once, every
//      message delivered exactly once (the fake Slack's own record).
//   3. shopops, backlog: N clocks already due when the bot starts (a restart after an outage):
//      escalations per second, and /healthz and command acks while it drains.
//
// Messages are paced as in production (one a second per channel), except when the spread run
// checks delivery: then the outbox sends as fast as the fake Slack answers, so that every one of
// the N × 5 messages is out (and counted) within the run.
//
// BENCH_CLOCKS (default 10000), BENCH_DELIVERY=0 to skip waiting for every message to go out,
// BENCH_ONLY=backlog to run the backlog alone.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { command, fmt, get, pct, sleep, startBot, startFakeSlack, startProcess } from "./lib.ts";
import { seedComplaints, TIERS } from "./seed-complaints.ts";

const N = Number(process.env.BENCH_CLOCKS ?? 10_000);
const SPREAD_MS = 60_000;
const LEAD_MS = 8_000;
const DELIVERY = process.env.BENCH_DELIVERY !== "0";

const summary = (xs: number[]) => `p50 ${fmt(pct(xs, 50))} · p99 ${fmt(pct(xs, 99))} · max ${fmt(Math.max(...xs))}`;
const report: string[] = [];
const say = (line: string) => {
  console.log(line);
  report.push(line);
};

async function baseline(): Promise<number[]> {
  const p = await startProcess(["bench/settimeout-baseline.mjs", String(N), String(SPREAD_MS)], {}, /^(\d+)\n/);
  const out: string[] = [];
  p.child.stdout!.on("data", (d) => out.push(String(d)));
  await new Promise((r) => p.child.once("exit", r));
  return JSON.parse(out.join("")) as number[];
}

/** Probes /healthz every 100 ms and sends 20 commands a second until `stop` resolves. */
async function probe(port: number, stop: Promise<unknown>) {
  const health: number[] = [];
  const acks: number[] = [];
  let done = false;
  void stop.then(() => (done = true));
  const h = (async () => {
    while (!done) {
      health.push(await get(port, "/healthz"));
      await sleep(100);
    }
  })();
  const c = (async () => {
    const pending: Promise<void>[] = [];
    while (!done) {
      pending.push(
        command(port, "help", `U0OWNER${acks.length % 50}`).then(
          (ms) => void acks.push(ms),
          () => void acks.push(Infinity),
        ),
      );
      await sleep(50);
    }
    await Promise.all(pending);
  })();
  await Promise.all([h, c]);
  return { health, acks };
}

function readDb(path: string) {
  const db = new Database(path, { readonly: true });
  const q = <T>(sql: string) => db.prepare(sql).all() as T[];
  return { q, close: () => db.close() };
}

const iso2ms = (s: string) => new Date(s).getTime();

async function waitUntil(check: () => boolean, timeoutMs: number, everyMs = 250) {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) return false;
    await sleep(everyMs);
  }
  return true;
}

async function run(mode: "spread" | "backlog") {
  const dir = mkdtempSync(join(tmpdir(), "shopops-engine-"));
  const path = join(dir, "bench.db");
  const now = Date.now();
  const from = mode === "spread" ? now + LEAD_MS : now - 1000;
  const to = mode === "spread" ? from + SPREAD_MS : now - 1000;
  seedComplaints(path, N, from, to);
  const fake = await startFakeSlack();
  const started = Date.now();
  const bot = await startBot(fake.port, {
    DATABASE_URL: `file:${path}`,
    OUTBOX_CHANNEL_INTERVAL: mode === "spread" && DELIVERY ? "0ms" : "1s",
    TIMER_LEASE: "5m",
  });
  const db = readDb(path);
  const allDone = () =>
    db.q<{ n: number }>(
      `SELECT COUNT(*) AS n FROM "Timer" WHERE kind = 'complaint.breach' AND status = 'done' AND key LIKE '%:g1:breach:0'`,
    )[0]!.n === N;
  const finished = waitUntil(allDone, 30 * 60_000);
  const probes = await probe(bot.port, finished);
  const timers = db.q<{ dueAt: string; finishedAt: string }>(
    `SELECT "dueAt", "finishedAt" FROM "Timer" WHERE kind = 'complaint.breach' AND key LIKE '%:g1:breach:0'`,
  );
  const lateness = timers.map((t) => iso2ms(t.finishedAt) - iso2ms(t.dueAt));
  const firstDone = Math.min(...timers.map((t) => iso2ms(t.finishedAt)));
  const lastDone = Math.max(...timers.map((t) => iso2ms(t.finishedAt)));
  const cases = db.q<{ escalations: number; tier: number }>(`SELECT escalations, tier FROM "ComplaintCase"`);
  const wrong = cases.filter((c) => c.escalations !== 1 || c.tier !== 2).length;
  let delivery = "not awaited (BENCH_DELIVERY=0)";
  // Only the spread run sends unpaced; the backlog run is paced like production (hours of sending).
  if (DELIVERY && mode === "spread") {
    const t0 = Date.now();
    await waitUntil(
      () => db.q<{ n: number }>(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE status = 'pending'`)[0]!.n === 0,
      60 * 60_000,
      1000,
    );
    const drainMs = Date.now() - t0;
    const { calls } = (await (await fetch(`http://127.0.0.1:${fake.port}/__calls`)).json()) as {
      calls: { method: string; args: Record<string, unknown> }[];
    };
    const cards = new Map<number, number>();
    const dms = new Map<number, number>();
    for (const c of calls) {
      if (c.method !== "chat.postMessage") continue;
      const n = Number(/#(\d+)/.exec(String(c.args.text))?.[1]);
      if (c.args.channel === TIERS[2] && !c.args.thread_ts) cards.set(n, (cards.get(n) ?? 0) + 1);
      if (String(c.args.channel).startsWith("U0OWNER")) dms.set(n, (dms.get(n) ?? 0) + 1);
    }
    const badCards = Array.from({ length: N }, (_, i) => i + 1).filter((n) => cards.get(n) !== 1).length;
    const badDms = Array.from({ length: N }, (_, i) => i + 1).filter((n) => dms.get(n) !== 1).length;
    const failed = db.q<{ n: number }>(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE status = 'failed'`)[0]!.n;
    delivery = `${calls.filter((c) => c.method.startsWith("chat.")).length} Slack calls in ${(drainMs / 1000).toFixed(1)} s after the last escalation; tier-2 cards not exactly once: ${badCards}; owner DMs not exactly once: ${badDms}; failed: ${failed}`;
  }
  db.close();
  await bot.stop();
  await fake.stop();
  // The backlog's rate: from the first escalation to the last (the bot's start-up excluded).
  return {
    lateness,
    probes,
    wrong,
    delivery,
    rate: N / Math.max(0.001, (lastDone - firstDone) / 1000),
    startMs: started,
  };
}

console.log(`engine benchmark: ${N.toLocaleString("en-US")} complaint clocks`);
if (process.env.BENCH_ONLY !== "backlog") {
  const base = await baseline();
  say(`setTimeout, ${N} timers over 60 s: lateness ${summary(base)}`);

  const spread = await run("spread");
  say(`shopops, ${N} clocks running out over 60 s: escalation lateness ${summary(spread.lateness)}`);
  say(`  /healthz during the burst (${spread.probes.health.length} probes): ${summary(spread.probes.health)}`);
  say(`  /shopops help acks during the burst (${spread.probes.acks.length}): ${summary(spread.probes.acks)}`);
  say(`  cases not escalated exactly once: ${spread.wrong}; delivery: ${spread.delivery}`);
}

const backlog = await run("backlog");
say(
  `shopops, ${N} clocks already due at start: ${Math.round(backlog.rate).toLocaleString("en-US")} escalations/s while draining`,
);
say(`  /healthz while draining (${backlog.probes.health.length}): ${summary(backlog.probes.health)}`);
say(`  /shopops help acks while draining (${backlog.probes.acks.length}): ${summary(backlog.probes.acks)}`);
say(`  cases not escalated exactly once: ${backlog.wrong}`);

// Ack latency of `/shopops help` through the whole stack (signed HTTP → front door → Bolt →
// the user's language → the answer in the ack) against a bare Bolt app whose handler only acks,
// both measured in the same run at the same fixed request rates (open loop: a request leaves on
// schedule whether or not the previous one was answered). The load driver, the app under test
// and the fake Slack each run in their own process, as Slack and the bot would.
// BENCH_RATES (default 50,200,500), BENCH_SECONDS (default 10), BENCH_RUNS (default 3).
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { atRate, command, fmt, pct, startBareBolt, startBot, startFakeSlack, type Proc } from "./lib.ts";

const RATES = (process.env.BENCH_RATES ?? "50,200,500").split(",").map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WARMUP = 300;

/** The process's CPU time so far (all its threads), in ms: /proc/<pid>/stat's utime + stime. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
}

async function measure(target: Proc, rate: number) {
  await atRate(Math.min(rate, 200), WARMUP / Math.min(rate, 200), () =>
    command(target.port, "help", `U${Math.floor(Math.random() * 50)}`),
  );
  const cpu0 = cpuMs(target.child.pid!);
  const lat = await atRate(rate, SECONDS, () => command(target.port, "help", `U${Math.floor(Math.random() * 50)}`));
  // CPU a request: steadier than the latencies, which move with whatever else the machine runs.
  const cpu = (cpuMs(target.child.pid!) - cpu0) / lat.length;
  return { p50: pct(lat, 50), p99: pct(lat, 99), cpu, failed: lat.filter((x) => !Number.isFinite(x)).length };
}

const fake = await startFakeSlack();
console.log(
  `ack latency of /shopops help, ${SECONDS} s per rate after ${WARMUP} warm-up requests, ${RUNS} runs (min / median / max of each figure)`,
);
for (const rate of RATES) {
  const bare: { p50: number; p99: number; cpu: number }[] = [];
  const full: { p50: number; p99: number; cpu: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const b = await startBareBolt(fake.port);
    bare.push(await measure(b, rate));
    await b.stop();
    const bot = await startBot(fake.port, {
      DATABASE_URL: `file:${join(mkdtempSync(join(tmpdir(), "shopops-ack-")), "bench.db")}`,
    });
    full.push(await measure(bot, rate));
    await bot.stop();
  }
  const tri = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return `${fmt(s[0]!)} / ${fmt(s[Math.floor(s.length / 2)]!)} / ${fmt(s[s.length - 1]!)}`;
  };
  const ratios = full.map((f, i) => f.p99 / bare[i]!.p99);
  const median = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)]!;
  console.log(
    `${String(rate).padStart(4)} req/s  bare Bolt p50 ${tri(bare.map((x) => x.p50))}  p99 ${tri(bare.map((x) => x.p99))}  CPU a request ${tri(bare.map((x) => x.cpu))}`,
  );
  console.log(
    `           shopops   p50 ${tri(full.map((x) => x.p50))}  p99 ${tri(full.map((x) => x.p99))}  CPU a request ${tri(full.map((x) => x.cpu))}`,
  );
  console.log(
    `           p99 ratio shopops / bare Bolt: ${ratios.map((r) => r.toFixed(2)).join(", ")} (median ${median.toFixed(2)}x; target ≤ 1.5x)`,
  );
}
await fake.stop();

// Ack latency of `/shopops help` through the whole stack (signed HTTP → Bolt → database →
// outbox → delivery to the response_url) against a bare Bolt app whose handler only acks, both
// measured in the same run at the same fixed request rate. The load driver, the app under test
// and the fake Slack each run in their own process, as Slack and the bot would.
// Prints p50, p99 and the ratio. Target: p99 within 1.5x of bare Bolt.
import { Agent, request } from "node:http";
import { sign } from "../tests/support/signed.ts";
import { spawn } from "node:child_process";

// 50 commands a second is far above a team's peak (a 50-person team types a few a minute).
const RATE = Number(process.env.BENCH_RATE ?? 50); // requests per second
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = 200;

type SlackSide = { apiUrl: string; responseUrl(id: string): string };

async function startSlackSide(): Promise<SlackSide & { stop(): void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/fake-slack-process.ts"], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve) => child.stdout.once("data", (d) => resolve(Number(String(d).trim()))));
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    responseUrl: (id) => `http://127.0.0.1:${port}/respond/${id}`,
    stop: () => child.kill("SIGTERM"),
  };
}

function body(fake: SlackSide, i: number): string {
  return new URLSearchParams({
    command: "/shopops",
    text: "help",
    user_id: `U${i % 50}`,
    channel_id: "C1",
    team_id: "T1",
    response_url: fake.responseUrl(`b${i}`),
    trigger_id: "1.2.3",
  }).toString();
}

async function drive(port: number, fake: SlackSide, count: number, rate: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const latencies: number[] = [];
  const interval = 1000 / rate;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const b = body(fake, i);
    const ts = Math.floor(Date.now() / 1000);
    pending.push(
      new Promise<void>((resolve, reject) => {
        const t0 = performance.now();
        const req = request(
          {
            host: "127.0.0.1",
            port,
            path: "/slack/events",
            method: "POST",
            agent,
            headers: {
              "content-type": "application/x-www-form-urlencoded",
              "content-length": Buffer.byteLength(b),
              "x-slack-request-timestamp": String(ts),
              "x-slack-signature": sign(b, ts),
            },
          },
          (res) => {
            res.resume();
            res.on("end", () => {
              if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
              latencies.push(performance.now() - t0);
              resolve();
            });
          },
        );
        req.on("error", reject);
        req.end(b);
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  return latencies;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function startTarget(kind: "bare" | "full", fake: SlackSide): Promise<{ port: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/targets.ts", kind, fake.apiUrl], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve) => child.stdout.once("data", (d) => resolve(Number(String(d).trim()))));
  return { port, stop: async () => void child.kill("SIGTERM") };
}

async function measure(name: string, target: { port: number; stop: () => Promise<unknown> }, fake: SlackSide) {
  await drive(target.port, fake, WARMUP, RATE);
  const lat = await drive(target.port, fake, RATE * SECONDS, RATE);
  await target.stop();
  return { name, n: lat.length, p50: pct(lat, 50), p99: pct(lat, 99) };
}

const fake = await startSlackSide();
const bare = await measure("bare Bolt (ack only)", await startTarget("bare", fake), fake);
const full = await measure("shopops /shopops help", await startTarget("full", fake), fake);
fake.stop();
console.log(`ack latency at ${RATE} req/s for ${SECONDS}s (after ${WARMUP} warm-up requests)`);
for (const r of [bare, full]) console.log(`${r.name.padEnd(26)} n=${r.n}  p50=${r.p50.toFixed(2)} ms  p99=${r.p99.toFixed(2)} ms`);
const ratio = full.p99 / bare.p99;
console.log(`p99 ratio shopops / bare Bolt: ${ratio.toFixed(2)}x (target ≤ 1.5x) ${ratio <= 1.5 ? "OK" : "OVER TARGET"}`);

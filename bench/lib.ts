// Shared by the benchmarks: the processes (fake Slack, the bot, bare Bolt), signed requests at a
// fixed rate (open loop), and percentiles.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { sign } from "../tests/support/signed.ts";

export const SECRET = "test-signing-secret-0123456789";

export const pct = (xs: number[], p: number): number => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
export const fmt = (ms: number) => (Number.isFinite(ms) ? `${ms.toFixed(ms < 10 ? 2 : 0)} ms` : "–");
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Proc {
  child: ChildProcess;
  port: number;
  stop(): Promise<void>;
}

/** Starts `args` and resolves once its output matches `ready` (the first group is the port). */
export function startProcess(args: string[], env: Record<string, string>, ready: RegExp): Promise<Proc> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { PATH: process.env.PATH!, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const onData = (d: Buffer) => {
      out += d;
      const m = out.match(ready);
      if (m) {
        child.stdout!.off("data", onData);
        child.stdout!.resume();
        child.stderr!.resume();
        resolve({
          child,
          port: Number(m[1]),
          stop: () =>
            new Promise<void>((r) => {
              if (child.exitCode !== null || child.signalCode !== null) return r(); // exited, or killed
              child.once("exit", () => r());
              child.kill("SIGTERM");
            }),
        });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (d) => (out += d));
    child.once("exit", (code) =>
      reject(new Error(`${args.join(" ")} exited ${code} before it was ready:\n${out.slice(-2000)}`)),
    );
  });
}

export const startFakeSlack = (env: Record<string, string> = {}) =>
  startProcess(["--import", "tsx", "bench/fake-slack-process.ts"], env, /^(\d+)\n/);

/** The bot as `npm start` runs it: compiled, with the settings given. */
export function startBot(fakePort: number, env: Record<string, string>, nodeFlags: string[] = []): Promise<Proc> {
  return startProcess(
    [
      process.env.BENCH_SEMI ?? "--max-semi-space-size=2",
      // e.g. BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to see where the bot's time goes.
      ...(process.env.BENCH_NODE_FLAGS?.split(" ") ?? []),
      ...nodeFlags,
      "dist/main.js",
    ],
    {
      SLACK_BOT_TOKEN: "xoxb-bench",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `http://127.0.0.1:${fakePort}/api/`,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      ...env,
    },
    /"port":(\d+)[^\n]*shopops started/,
  );
}

export const startBareBolt = (fakePort: number) =>
  startProcess(["bench/bare-bolt.mjs", String(fakePort)], {}, /^(\d+)\n/);

// A socket idle for 4 s is closed by this side, before the bot's server closes it at 5 s (Node's
// keepAliveTimeout): reusing one the server is closing meets ECONNRESET, a fault of the load's
// client that was counted as a failed command (2 of 7,208 in some runs).
const agent = new Agent({ keepAlive: true, maxSockets: 128, timeout: 4_000 });

export interface CommandOptions {
  command?: string;
  channel?: string;
  /** Where the answer goes (a fake Slack's /respond/…); nowhere by default. */
  responseUrl?: string;
}

/** One signed slash command; resolves with its round-trip time in ms (rejects on non-200). */
export function command(port: number, text = "help", user = "U1", o: CommandOptions = {}): Promise<number> {
  const body = new URLSearchParams({
    command: o.command ?? "/shopops",
    text,
    user_id: user,
    channel_id: o.channel ?? "C1",
    team_id: "T1",
    response_url: o.responseUrl ?? "http://127.0.0.1:1/r",
    trigger_id: `${Math.random()}`,
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  return new Promise((resolve, reject) => {
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
          "content-length": Buffer.byteLength(body),
          "x-slack-request-timestamp": String(ts),
          "x-slack-signature": sign(body, ts, SECRET),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () =>
          res.statusCode === 200 ? resolve(performance.now() - t0) : reject(new Error(`status ${res.statusCode}`)),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

export function get(port: number, path: string, timeoutMs = 2000): Promise<number> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = request({ host: "127.0.0.1", port, path, agent, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode === 200 ? performance.now() - t0 : Infinity));
    });
    req.on("timeout", () => {
      req.destroy();
      resolve(Infinity);
    });
    req.on("error", () => resolve(Infinity));
    req.end();
  });
}

/** Fires `fn` `rate` times a second for `seconds` (open loop) and returns every latency. */
export async function atRate(rate: number, seconds: number, fn: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  const pending: Promise<void>[] = [];
  const start = performance.now();
  const n = Math.round(rate * seconds);
  for (let i = 0; i < n; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(
      fn().then(
        (ms) => void out.push(ms),
        () => void out.push(Infinity),
      ),
    );
  }
  await Promise.all(pending);
  return out;
}

export const memoryMb = (pid: number): number => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
  } catch {
    return NaN;
  }
};

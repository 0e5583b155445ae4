// Cold start and idle memory of the bot as `npm start` runs it (compiled, dist/main.js) beside a
// bare Bolt app, in the same run: from spawning the process to its first 200 on /healthz (bare
// Bolt: to its first answer), on a fresh database and on a restart, and RSS after 5 s idle.
// BENCH_RUNS (default 3).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fmt, get, memoryMb, sleep, startBareBolt, startBot, startFakeSlack, type Proc } from "./lib.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function timed(start: () => Promise<Proc>, path?: string): Promise<{ ms: number; rssMb: number }> {
  const t0 = performance.now();
  const p = await start();
  // shopops is ready when /healthz says 200 (its database open and migrated); bare Bolt when it
  // listens (it prints its port once its server is up).
  if (path) while (!Number.isFinite(await get(p.port, path, 500))) await sleep(5);
  const ms = performance.now() - t0;
  await sleep(5000);
  const rssMb = memoryMb(p.child.pid!);
  await p.stop();
  return { ms, rssMb };
}

const tri = (xs: number[], f: (x: number) => string) => {
  const s = [...xs].sort((a, b) => a - b);
  return `${f(s[0]!)} / ${f(s[Math.floor(s.length / 2)]!)} / ${f(s[s.length - 1]!)}`;
};
const mb = (x: number) => `${x.toFixed(0)} MB`;

const fake = await startFakeSlack();
const bare: { ms: number; rssMb: number }[] = [];
const fresh: { ms: number; rssMb: number }[] = [];
const restart: { ms: number; rssMb: number }[] = [];
for (let i = 0; i < RUNS; i++) {
  bare.push(await timed(() => startBareBolt(fake.port)));
  const db = `file:${join(mkdtempSync(join(tmpdir(), "shopops-start-")), "bench.db")}`;
  fresh.push(await timed(() => startBot(fake.port, { DATABASE_URL: db }), "/healthz"));
  restart.push(await timed(() => startBot(fake.port, { DATABASE_URL: db }), "/healthz"));
}
await fake.stop();
console.log(`start to first answer and RSS after 5 s idle, ${RUNS} runs (min / median / max)`);
console.log(
  `bare Bolt:                 start ${tri(
    bare.map((r) => r.ms),
    fmt,
  )}   RSS ${tri(
    bare.map((r) => r.rssMb),
    mb,
  )}`,
);
console.log(
  `shopops, fresh database:   start ${tri(
    fresh.map((r) => r.ms),
    fmt,
  )}   RSS ${tri(
    fresh.map((r) => r.rssMb),
    mb,
  )}`,
);
console.log(
  `shopops, restart:          start ${tri(
    restart.map((r) => r.ms),
    fmt,
  )}   RSS ${tri(
    restart.map((r) => r.rssMb),
    mb,
  )}`,
);
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  `targets: start < 2 s; RSS ≤ 1.5x bare Bolt (median ${(med(restart.map((r) => r.rssMb)) / med(bare.map((r) => r.rssMb))).toFixed(2)}x)`,
);

// The metrics data paths, each beside a baseline measured in the same run:
//   1. ingest: a 3-year backfill (1,096 days × (3 channels + 1,000 SKUs) ≈ 1.1M rows) streamed as
//      NDJSON through the real webhook of the compiled bot, with /healthz and /shopops help probed
//      during it; baseline: the same lines parsed and inserted straight into SQLite with
//      better-sqlite3, 1,000 rows per prepared statement (no validation, no checks).
//   2. the anomaly pass over every day of the 3 years: shopops' findingsFor() vs the same rules
//      as one SQL statement in the sqlite3 CLI; the two lists of findings must agree.
//   3. one day's digest with its chart (buildDigest, chart included, cache bypassed) vs the
//      digest's SQL in the sqlite3 CLI.
// BENCH_DAYS (default 1096), BENCH_SKUS (default 1000).
import { execFileSync } from "node:child_process";
import { createReadStream, mkdtempSync, statSync, writeFileSync, createWriteStream } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { findingsFor } from "../src/features/metrics/anomalies.ts";
import { buildDigest } from "../src/features/metrics/digest.ts";
import { DEFAULT_RULES } from "../src/features/metrics/rules.ts";
import { readConfig } from "../src/config.ts";
import { openDatabase } from "../src/infra/db/db.ts";
import { committedMigrations } from "../src/infra/db/migrate.ts";
import { shiftDate } from "../src/infra/time.ts";
import type { Deps } from "../src/deps.ts";
import { atRate, command, fmt, get, pct, SECRET, startBot, startFakeSlack } from "./lib.ts";
import { digestSql, findingsSql } from "./metrics-sql.ts";

const DAYS = Number(process.env.BENCH_DAYS ?? 1096);
const SKUS = Number(process.env.BENCH_SKUS ?? 1000);
const TOKEN = "bench-metrics-token-0123456789";
const LAST = "2026-11-28";
const FIRST = shiftDate(LAST, -(DAYS - 1));
const dir = mkdtempSync(join(tmpdir(), "shopops-metrics-"));
const say = (s: string) => console.log(s);
const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString()} rows/s`;

// ---- the data: deterministic, with a few drops so that the rules find something ----
let seed = 7;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const file = join(dir, "backfill.ndjson");
let rows = 0;
{
  const out = createWriteStream(file);
  let buf = "";
  for (let d = 0; d < DAYS; d++) {
    const date = shiftDate(FIRST, d);
    const season = 1 + 0.2 * Math.sin(d / 20) + (date.endsWith("-11-11") ? 2 : 0);
    const drop = rnd() < 0.03 ? 0.55 + rnd() * 0.2 : 1;
    for (const [i, channel] of ["app", "web", "mini"].entries()) {
      const uv = Math.round(20000 * [0.6, 0.3, 0.1][i]! * season * (0.9 + rnd() * 0.2));
      const buyers = Math.round(uv * 0.03 * drop);
      buf +=
        JSON.stringify({
          date,
          store: "shop1",
          channel,
          uv,
          pv: uv * 4,
          product_views: Math.round(uv * 0.68),
          cart_adds: Math.round(uv * 0.24),
          orders: Math.round(buyers * 1.05),
          buyers,
          gmv: Math.round(buyers * 185 * 100) / 100,
          ad_spend: Math.round(uv * 9) / 10,
        }) + "\n";
      rows++;
    }
    for (let s = 0; s < SKUS; s++) {
      buf += `{"date":"${date}","store":"shop1","channel":"app","sku":"SKU-${s}","orders":${s % 7},"buyers":${s % 7},"gmv":${((s % 7) * 39.9).toFixed(2)}}\n`;
      rows++;
    }
    if (buf.length > 1 << 20) {
      out.write(buf);
      buf = "";
    }
  }
  out.end(buf);
  await new Promise<void>((r) => out.on("finish", () => r()));
}
const mb = (statSync(file).size / 1e6).toFixed(0);
say(
  `metrics data paths: ${DAYS} days × (3 channels + ${SKUS} SKUs) = ${rows.toLocaleString()} rows (${mb} MB of NDJSON)`,
);

// ---- 1a. baseline: parse and insert directly ----
{
  const base = new Database(join(dir, "baseline.db"));
  base.pragma("journal_mode = WAL");
  base.pragma("synchronous = NORMAL");
  for (const m of committedMigrations()) base.exec(m.sql);
  const cols = [
    "id",
    "date",
    "hour",
    "store",
    "channel",
    "sku",
    "uv",
    "pv",
    "productViews",
    "cartAdds",
    "orders",
    "buyers",
    "gmv",
    "refunds",
    "adSpend",
    "newCustomers",
  ];
  const stmt = (n: number) =>
    base.prepare(
      `INSERT INTO MetricRow (${cols.join(",")}) VALUES ${Array.from({ length: n }, () => `(${cols.map(() => "?").join(",")})`).join(",")}`,
    );
  const full = stmt(1000);
  const t0 = performance.now();
  let batch: unknown[] = [];
  let n = 0;
  let id = 0;
  const flush = base.transaction((vals: unknown[], count: number) =>
    (count === 1000 ? full : stmt(count)).run(...vals),
  );
  const text = (await import("node:fs")).readFileSync(file, "utf8");
  for (const line of text.split("\n")) {
    if (!line) continue;
    const r = JSON.parse(line) as Record<string, number | string>;
    batch.push(
      `b${(id++).toString(36).padStart(10, "0")}`,
      r.date,
      -1,
      r.store,
      r.channel,
      r.sku ?? "",
      r.uv ?? 0,
      r.pv ?? 0,
      r.product_views ?? 0,
      r.cart_adds ?? 0,
      r.orders ?? 0,
      r.buyers ?? 0,
      r.gmv ?? 0,
      0,
      r.ad_spend ?? 0,
      0,
    );
    if (++n === 1000) {
      flush(batch, n);
      batch = [];
      n = 0;
    }
  }
  if (n) flush(batch, n);
  const ms = performance.now() - t0;
  base.close();
  say(
    `  ingest, baseline (parse + prepared INSERT of 1,000 rows, better-sqlite3): ${(ms / 1000).toFixed(1)} s, ${rate(rows, ms)}`,
  );
}

// ---- 1b. shopops: the NDJSON stream through the webhook, probed meanwhile ----
const dbUrl = `file:${join(dir, "shopops.db")}`;
{
  const fake = await startFakeSlack();
  const bot = await startBot(fake.port, { DATABASE_URL: dbUrl, METRICS_WEBHOOK_TOKEN: TOKEN });
  let uploading = true;
  const probes = { health: [] as number[], acks: [] as number[] };
  const probing = (async () => {
    while (uploading) {
      probes.health.push(await get(bot.port, "/healthz"));
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const acking = (async () => {
    while (uploading) probes.acks.push(...(await atRate(20, 1, () => command(bot.port, "help", "U1"))));
  })();
  const t0 = performance.now();
  const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: bot.port,
        path: "/webhooks/metrics",
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" },
      },
      (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    createReadStream(file).pipe(req);
  });
  const ms = performance.now() - t0;
  uploading = false;
  await Promise.all([probing, acking]);
  const json = JSON.parse(answer.body) as { stored?: number };
  say(
    `  ingest, shopops (NDJSON through POST /webhooks/metrics, validated, upserted, anomalies checked): ${(ms / 1000).toFixed(1)} s, ${rate(rows, ms)}; HTTP ${answer.status}, stored ${json.stored?.toLocaleString()}`,
  );
  const p = (xs: number[]) => `p50 ${fmt(pct(xs, 50))} · p99 ${fmt(pct(xs, 99))} · max ${fmt(Math.max(...xs))}`;
  say(`    /healthz during the upload (${probes.health.length}): ${p(probes.health)}`);
  say(`    /shopops help acks during the upload (${probes.acks.length}): ${p(probes.acks)}`);
  await bot.stop();
  await fake.stop();
}

// ---- 2. the anomaly pass over every day ----
const { db, sql } = await openDatabase(dbUrl);
{
  const dates = Array.from({ length: DAYS }, (_, d) => shiftDate(FIRST, d));
  const cli = (query: string) => {
    const t0 = performance.now();
    const out = execFileSync("sqlite3", [join(dir, "shopops.db"), query], { maxBuffer: 1 << 28 })
      .toString()
      .trim();
    return { out, ms: performance.now() - t0 };
  };
  const base = cli(findingsSql("shop1", FIRST, LAST));
  const runs: number[] = [];
  let ours: string[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const found = await findingsFor({ sql }, "shop1", dates, DEFAULT_RULES);
    runs.push(performance.now() - t0);
    ours = found.map((f) => `${f.date}|${f.finding.rule}|${f.finding.level}`).sort();
  }
  const theirs = base.out.split("\n").filter(Boolean).sort();
  const agree = JSON.stringify(ours) === JSON.stringify(theirs);
  const median = [...runs].sort((a, b) => a - b)[1]!;
  say(
    `  anomaly pass, ${DAYS} days: shopops ${fmt(median)} (runs ${runs.map(fmt).join(", ")}); sqlite3 CLI, the same rules in SQL ${fmt(base.ms)}; ${(median / base.ms).toFixed(2)}x; findings ${ours.length} vs ${theirs.length}, ${agree ? "identical" : "DIFFERENT"}`,
  );
  if (!agree)
    say(
      `    only shopops: ${ours
        .filter((x) => !theirs.includes(x))
        .slice(0, 5)
        .join(", ")}; only SQL: ${theirs
        .filter((x) => !ours.includes(x))
        .slice(0, 5)
        .join(", ")}`,
    );
}

// ---- 3. one day's digest with its chart ----
{
  const config = readConfig({
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: SECRET,
    DATABASE_URL: dbUrl,
    DEFAULT_LOCALE: "zh-CN",
  });
  const deps = { db, sql, config } as unknown as Deps;
  await buildDigest(deps, "shop1", shiftDate(LAST, -100), false, "zh-CN"); // loads ECharts and Skia once, as a running bot has
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const d = await buildDigest(deps, "shop1", shiftDate(LAST, -i), false, "zh-CN");
    runs.push(performance.now() - t0);
    if (!d?.png.length) throw new Error("no digest");
  }
  const t0 = performance.now();
  execFileSync("sqlite3", [join(dir, "shopops.db")], { input: digestSql("shop1", LAST) });
  const base = performance.now() - t0;
  const median = [...runs].sort((a, b) => a - b)[1]!;
  say(
    `  one day's digest with its chart: shopops ${fmt(median)} (runs ${runs.map(fmt).join(", ")}); sqlite3 CLI, the digest's SQL ${fmt(base)}; ${(median / base).toFixed(2)}x`,
  );
  const again = performance.now();
  await buildDigest(deps, "shop1", LAST, false, "zh-CN");
  say(`    the same digest again (100 subscribers at 09:00 ask for it): ${fmt(performance.now() - again)}`);
}
writeFileSync(join(dir, "done"), "");
process.exit(0);

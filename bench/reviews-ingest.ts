// Review ingest through the real webhook of the compiled bot (NDJSON stream: validated, matched
// against the keyword list, classified, stored once per platform and review id), beside the same
// lines parsed and inserted straight into SQLite with better-sqlite3 (no matching, no checks),
// in the same run. BENCH_REVIEWS (default 200,000).
import { createReadStream, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { committedMigrations } from "../src/infra/db/migrate.ts";
import { startBot, startFakeSlack } from "./lib.ts";

const N = Number(process.env.BENCH_REVIEWS ?? 200_000);
const TOKEN = "bench-reviews-token-0123456789";
const dir = mkdtempSync(join(tmpdir(), "shopops-reviews-"));
const file = join(dir, "reviews.ndjson");
let seed = 11;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const zh = [
  "宝贝收到了，包装很好",
  "物流太慢了，等了一周",
  "质量不错，值得购买",
  "颜色和图片不符",
  "客服态度很好",
  "用了过敏，要投诉",
  "假货，已经打12315",
];
const en = [
  "arrived quickly and works fine",
  "the box was damaged on delivery",
  "not as described, much smaller",
  "great value, would buy again",
];
const lines: string[] = [];
for (let i = 0; i < N; i++) {
  const text =
    rnd() < 0.6
      ? zh[Math.floor(rnd() * zh.length)]! + "，" + zh[Math.floor(rnd() * zh.length)]!
      : en[Math.floor(rnd() * en.length)]!;
  lines.push(
    JSON.stringify({
      platform: i % 2 ? "jd" : "tmall",
      review_id: `R${i}`,
      order_id: `O${i}`,
      sku: `SKU-${i % 500}`,
      rating: 1 + Math.floor(rnd() * 5),
      text,
      time: "2026-10-01 10:00",
    }),
  );
}
writeFileSync(file, lines.join("\n") + "\n");
console.log(`review ingest: ${N.toLocaleString()} reviews (${(statSync(file).size / 1e6).toFixed(0)} MB of NDJSON)`);
const rate = (ms: number) => `${Math.round(N / (ms / 1000)).toLocaleString()} reviews/s`;

{
  const db = new Database(join(dir, "baseline.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  for (const m of committedMigrations()) db.exec(m.sql);
  const cols = [
    "id",
    "platform",
    "reviewId",
    "orderId",
    "sku",
    "rating",
    "text",
    "reviewedAt",
    "negative",
    "causes",
    "hits",
    "severity",
    "createdAt",
  ];
  const stmt = db.prepare(
    `INSERT INTO Review (${cols.join(",")}) VALUES ${Array.from({ length: 500 }, () => `(${cols.map(() => "?").join(",")})`).join(",")} ON CONFLICT DO NOTHING`,
  );
  const now = new Date().toISOString();
  const t0 = performance.now();
  const tx = db.transaction((vals: unknown[]) => stmt.run(...vals));
  let vals: unknown[] = [];
  let n = 0;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line) continue;
    const r = JSON.parse(line) as Record<string, string | number>;
    vals.push(
      `b${String(n).padStart(10, "0")}`,
      r.platform,
      r.review_id,
      r.order_id,
      r.sku,
      r.rating,
      r.text,
      now,
      0,
      "[]",
      "[]",
      null,
      now,
    );
    if (++n % 500 === 0) {
      tx(vals);
      vals = [];
    }
  }
  const ms = performance.now() - t0;
  console.log(
    `  baseline (parse + prepared INSERT of 500 rows, better-sqlite3, no matching): ${(ms / 1000).toFixed(1)} s, ${rate(ms)}`,
  );
}

{
  const fake = await startFakeSlack();
  const bot = await startBot(fake.port, {
    DATABASE_URL: `file:${join(dir, "shopops.db")}`,
    REVIEWS_WEBHOOK_TOKEN: TOKEN,
  });
  const t0 = performance.now();
  const answer = await new Promise<string>((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: bot.port,
        path: "/webhooks/reviews",
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" },
      },
      (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve(`HTTP ${res.statusCode} ${body.slice(0, 120)}`));
      },
    );
    req.on("error", reject);
    createReadStream(file).pipe(req);
  });
  const ms = performance.now() - t0;
  console.log(
    `  shopops (NDJSON through POST /webhooks/reviews, validated, matched, classified, stored): ${(ms / 1000).toFixed(1)} s, ${rate(ms)}; ${answer}`,
  );
  await bot.stop();
  await fake.stop();
}
process.exit(0);

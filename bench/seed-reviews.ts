// Writes reviews straight into a migrated SQLite file, as the webhook would have stored them
// (causes and keyword hits already read), so a million take seconds rather than a long import.
import type Database from "better-sqlite3";

const CAUSES = ["quality", "logistics", "not_as_described", "service_attitude", "slow_after_sales", "fake", "other"];
const HITS = ["破损", "太慢", "假货", "不符", "退款", "态度差", "broken", "late"];
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

/** `n` reviews spread over the 24 hours from `dayStart`; ids continue from `firstId`. */
export function seedReviews(db: Database.Database, dayStart: number, n: number, firstId = 0): number {
  let seed = 7 + firstId;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const insert = db.prepare(
    `INSERT INTO Review (id, platform, reviewId, orderId, sku, rating, text, reviewedAt, negative, causes, hits, severity, createdAt)
     VALUES (?, 'tmall', ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
  );
  const now = iso(dayStart);
  let i = firstId;
  db.transaction(() => {
    for (let k = 0; k < n; k++, i++) {
      const rating = 1 + Math.floor(rnd() * 5);
      const negative = rating <= 2;
      const cause = CAUSES[Math.floor(rnd() * CAUSES.length)]!;
      const hit = HITS[Math.floor(rnd() * HITS.length)]!;
      insert.run(
        `r${i}`,
        `R${i}`,
        `O${i}`,
        `SKU-${i % 1000}`,
        rating,
        negative ? `杯子${hit}了，差评` : "很好用，下次还买",
        iso(dayStart + Math.floor((k / n) * 86_400_000)),
        negative ? 1 : 0,
        JSON.stringify(negative ? [cause] : []),
        JSON.stringify(negative ? [hit] : []),
        now,
      );
    }
  })();
  return i;
}

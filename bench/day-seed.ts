// The morning of a Double 11 day, written straight into a migrated SQLite file before the bot
// starts: yesterday's million reviews (what /reviews briefing now summarises), and 10,000 open
// complaint cases, half acknowledged (resolution clock a day away) and half on the response clock
// due during the peak.
import Database from "better-sqlite3";
import { seedComplaints } from "./seed-complaints.ts";
import { seedReviews } from "./seed-reviews.ts";

const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

/** Midnight of yesterday in Shanghai, as a UTC instant. */
export function yesterdayShanghai(nowMs: number): number {
  const today = new Date(nowMs + 8 * 3600_000).toISOString().slice(0, 10);
  return Date.parse(`${today}T00:00:00+08:00`) - 86_400_000;
}

export interface DaySeed {
  cases: number;
  reviews: number;
  /** Deadlines of the escalating half spread over [from, to]. */
  from: number;
  to: number;
}

/** Seeds the file; returns the escalating cases' deadlines by case number. */
export function seedDay(path: string, s: DaySeed): Map<number, number> {
  seedComplaints(path, s.cases, s.from, s.to);
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  seedReviews(db, yesterdayShanghai(s.from), s.reviews);
  // Even-numbered cases were acknowledged an hour ago: their resolution clock runs out tomorrow.
  const later = iso(s.to + 86_400_000);
  db.prepare(
    `UPDATE "ComplaintCase" SET "clockKind" = 'resolution', "acknowledgedAt" = ?, "deadlineAt" = ? WHERE number % 2 = 0`,
  ).run(iso(s.from - 3600_000), later);
  db.prepare(
    `UPDATE "Timer" SET "dueAt" = ? WHERE "ownerId" IN (SELECT 'complaint:' || id FROM "ComplaintCase" WHERE number % 2 = 0)`,
  ).run(later);
  const deadlines = new Map<number, number>();
  for (const r of db.prepare(`SELECT number, "deadlineAt" AS d FROM "ComplaintCase" WHERE number % 2 = 1`).all() as {
    number: number;
    d: string;
  }[])
    deadlines.set(r.number, Date.parse(r.d));
  db.close();
  return deadlines;
}

// The figures of a day run, each beside its bound (issue 29), read from the fake Slack's record
// and the database once the peak has drained.
import { doubled, fetchRecord, firstSeen, lateness, secs, type Call } from "./burst-measure.ts";
import type { Db } from "./burst-setup.ts";
import type { PeakResult } from "./day-load.ts";
import type { Wave } from "./day-promos.ts";
import { fmt, pct } from "./lib.ts";

export interface DayFigures {
  db: Db;
  fakePort: number;
  deadlines: Map<number, number>;
  wave: Wave;
  load: PeakResult;
  drained: boolean;
  rss: { started: number; start: number; end: number };
  expect: { reviews: number; hourRows: number };
}

const mark = (ok: boolean) => (ok ? "✓" : "✗ MISSED");

function line(what: string, figure: string, bound: string, ok: boolean): void {
  console.log(`  ${what.padEnd(34)} ${figure.padEnd(44)} bound: ${bound.padEnd(14)} ${mark(ok)}`);
}

/** Each reminder item's lateness: the time of the owner's DM (or thread reply) that lists it. */
function reminderLateness(calls: Call[], wave: Wave): { late: number[]; listed: number } {
  const late: number[] = [];
  for (const c of calls) {
    if (c.method !== "chat.postMessage" || !/^U0PLAN/.test(String(c.args.channel)) || c.at < wave.at - 1000) continue;
    const n = Math.max(1, (String(c.args.text).match(/\n• /g) ?? []).length);
    for (let i = 0; i < n; i++) late.push(Math.max(0, c.at - wave.at));
  }
  return { late, listed: late.length };
}

async function answers(fakePort: number, sent: PeakResult["sent"]) {
  const r = await fetch(`http://127.0.0.1:${fakePort}/__calls?method=none&responses=1`);
  const { responses } = (await r.json()) as { responses: { id: string; at: number }[] };
  const first = new Map<string, number>();
  for (const x of responses) if (!first.has(x.id)) first.set(x.id, x.at);
  const by = new Map<string, number[]>();
  let unanswered = 0;
  for (const [id, [cmd, at]] of sent) {
    const got = first.get(id);
    // /shopops answers in its ack (its time is the ack's), never at the response_url.
    if (got === undefined && cmd.startsWith("/shopops")) continue;
    if (got === undefined) unanswered++;
    else by.set(cmd, [...(by.get(cmd) ?? []), got - at]);
  }
  return { by, unanswered };
}

export async function dayReport(f: DayFigures): Promise<void> {
  const rec = await fetchRecord(f.fakePort);
  const { load, db } = f;
  const slow = load.acks.filter((ms) => ms > 3000).length;
  line(
    "acks (HTTP 200 to Slack)",
    `${load.acks.length}: p50 ${fmt(pct(load.acks, 50))} · p99 ${fmt(pct(load.acks, 99))} · max ${fmt(Math.max(...load.acks))} · ${slow} over 3 s`,
    "all < 3 s",
    slow === 0,
  );
  line(
    "/healthz",
    `${load.health.length}: p50 ${fmt(pct(load.health, 50))} · p99 ${fmt(pct(load.health, 99))}`,
    "p99 < 100 ms",
    pct(load.health, 99) < 100,
  );
  const tier2 = lateness(
    f.deadlines,
    firstSeen(rec.calls, (c) => c === "C0TIER2"),
  );
  const escP99 = tier2.missing ? Infinity : pct(tier2.late, 99);
  line(
    "escalation → tier-2 channel",
    `${tier2.late.length}: p50 ${secs(pct(tier2.late, 50))} · p99 ${secs(escP99)}${tier2.missing ? ` · ${tier2.missing} not shown` : ""}`,
    "p99 < 5 s",
    escP99 < 5000,
  );
  const rem = reminderLateness(rec.calls, f.wave);
  const remP99 = rem.listed < f.wave.items ? Infinity : pct(rem.late, 99);
  line(
    "reminder → owner's DM",
    `${rem.listed} of ${f.wave.items} items: p50 ${secs(pct(rem.late, 50))} · p99 ${secs(remP99)}`,
    "p99 < 5 s",
    remP99 < 5000,
  );
  const ratio = f.rss.end / f.rss.start;
  line(
    "RSS",
    `${f.rss.start.toFixed(0)} MB → ${f.rss.end.toFixed(0)} MB (${ratio.toFixed(2)}×; peak ${Math.max(...load.rss).toFixed(0)} MB; at launch ${f.rss.started.toFixed(0)} MB)`,
    "≤ 1.5×",
    ratio <= 1.5,
  );

  const wrong = await db.count(
    `SELECT COUNT(*) AS n FROM "ComplaintCase" WHERE number % 2 = 1 AND (escalations <> 1 OR tier <> 2)`,
  );
  const touched = await db.count(`SELECT COUNT(*) AS n FROM "ComplaintCase" WHERE number % 2 = 0 AND escalations <> 0`);
  const reviews = await db.count(`SELECT COUNT(*) AS n FROM "Review"`);
  const hours = await db.count(`SELECT COUNT(*) AS n FROM "MetricRow" WHERE hour >= 0`);
  const twice = doubled(rec.landed);
  const lostOrDoubled =
    wrong + touched + twice + Math.abs(reviews - f.expect.reviews) + Math.abs(hours - f.expect.hourRows);
  line(
    "nothing lost or doubled",
    `cases escalated ≠ once ${wrong}, acknowledged touched ${touched}, reviews ${reviews.toLocaleString("en-US")}/${f.expect.reviews.toLocaleString("en-US")}, hourly rows ${hours}/${f.expect.hourRows}, landed twice ${twice}`,
    "0 / all",
    lostOrDoubled === 0 && f.drained,
  );
  for (const [e, n] of load.errors) console.log(`    failed ×${n}: ${e}`);
  const a = await answers(f.fakePort, load.sent);
  for (const [cmd, ms] of a.by)
    console.log(`    answer of ${cmd.padEnd(22)} ${ms.length}: p50 ${fmt(pct(ms, 50))} · p99 ${fmt(pct(ms, 99))}`);
  const briefs = rec.calls.filter((c) => c.method === "chat.postMessage" && c.args.channel === "C0BRIEFING");
  const briefLate = briefs.map((c, i) => c.at - (load.briefingsAskedAt[i] ?? c.at));
  console.log(
    `    /reviews briefing now: ${load.briefingsAskedAt.length} asked, ${briefs.length} posted; asked → posted p50 ${secs(pct(briefLate, 50))} · max ${secs(Math.max(...briefLate))}; reads "${String(briefs[0]?.args.text ?? "").split("\n")[0]}"`,
  );
  console.log(
    `    webhooks: reviews ${load.reviewPosts.length} batches p99 ${fmt(pct(load.reviewPosts, 99))}; metrics ${load.metricPosts.length} batches p99 ${fmt(pct(load.metricPosts, 99))}; unanswered commands ${a.unanswered}; 429s ${rec.rateLimited}${f.drained ? "" : "; NOT drained within 300 s"}`,
  );
}

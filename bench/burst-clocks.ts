// Scenario 1: N complaint clocks seeded straight into the database (as openCase leaves them at
// tier 1), due evenly over 60 s, escalated by the real bot, delivered to a fake Slack that
// enforces Slack's limits.
import { seedClocksPg } from "../tests/support/seed-clocks-pg.ts";
import { seedComplaints } from "./seed-complaints.ts";
import { pageThroughHome } from "./burst-home.ts";
import {
  describeLateness,
  doubled,
  fetchRecord,
  firstSeen,
  lateness,
  mentionsPerMinute,
  secs,
  tellsEscalation,
} from "./burst-measure.ts";
import {
  pgDatabase,
  pgDb,
  sqliteDb,
  startBots,
  startLimitedFake,
  tempSqlite,
  TODAY,
  waitUntil,
  type Db,
} from "./burst-setup.ts";

const SPREAD_MS = 60_000;
const LEAD_MS = 12_000;

export interface ClocksRun {
  label: string;
  db: "sqlite" | "postgres";
  replicas: number;
  n: number;
  today: boolean;
  capMs: number;
}

export async function clocksRun(o: ClocksRun): Promise<void> {
  const from = Date.now() + LEAD_MS + (o.db === "postgres" ? 8_000 : 0);
  const to = from + SPREAD_MS;
  let url: string;
  if (o.db === "sqlite") {
    const path = tempSqlite();
    seedComplaints(path, o.n, from, to);
    url = `file:${path}`;
  } else {
    url = await pgDatabase();
    await seedClocksPg(url, o.n, from, to);
  }
  const fake = await startLimitedFake();
  const bots = await startBots(fake.port, o.replicas, {
    DATABASE_URL: url,
    TIMER_LEASE: "30s",
    ...(o.today ? TODAY : {}),
  });
  const db: Db = o.db === "sqlite" ? sqliteDb(url.slice(5)) : await pgDb(url);
  try {
    const escalated = () =>
      db.count(
        `SELECT COUNT(*) AS n FROM "Timer" WHERE kind = 'complaint.breach' AND status = 'done' AND key LIKE '%:g1:breach:0'`,
      );
    await waitUntil(async () => (await escalated()) === o.n, 30 * 60_000, 1000);
    // Delivered: nothing queued but bulk edits (old cards and DM roll-ups' counts brought up to
    // date at chat.update's spare pace); a DM roll-up's later pages are bulk too, but posts.
    const queued = () =>
      db.count(
        `SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE status = 'pending' AND lane NOT LIKE 'd:%' AND (priority < 3 OR (lane LIKE 'U%' AND kind = 'post'))`,
      );
    const settled = await waitUntil(async () => (await queued()) === 0, Math.max(0, to + o.capMs - Date.now()), 1000);
    const cutoff = Date.now() - to;
    await report(o, fake.port, bots[0]!.port, db, from, to, settled, cutoff);
  } finally {
    await db.close();
    for (const b of bots) await b.stop();
    await fake.stop();
  }
}

async function report(
  o: ClocksRun,
  fakePort: number,
  botPort: number,
  db: Db,
  from: number,
  to: number,
  settled: boolean,
  cutoffMs: number,
) {
  const rec = await fetchRecord(fakePort);
  const deadlines = new Map<number, number>();
  for (let i = 0; i < o.n; i++) deadlines.set(i + 1, from + Math.floor(((to - from) * i) / Math.max(1, o.n - 1)));
  const tier2 = lateness(
    deadlines,
    firstSeen(rec.calls, (c) => c === "C0TIER2"),
  );
  const dm = lateness(
    deadlines,
    firstSeen(rec.calls, (c) => c.startsWith("U0OWNER"), tellsEscalation),
  );
  const wrong = await db.count(`SELECT COUNT(*) AS n FROM "ComplaintCase" WHERE escalations <> 1 OR tier <> 2`);
  const mentions = mentionsPerMinute(rec.calls, "C0TIER2", "U0TIER2");
  const tier1 = mentionsPerMinute(rec.calls, "C0TIER1", "U0TIER1");
  const posts = rec.calls.filter((c) => c.method === "chat.postMessage").length;
  const edits = rec.calls.filter((c) => c.method === "chat.update").length;
  const aside = await db.count(
    `SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE status = 'pending' AND lane LIKE 'd:%'`,
  );
  const pending = await db.count(
    `SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE status = 'pending' AND lane NOT LIKE 'd:%' AND (priority < 3 OR (lane LIKE 'U%' AND kind = 'post'))`,
  );
  console.log(
    `\n  ${o.label}${settled ? "" : ` (cut off ${secs(cutoffMs)} after the last deadline; ${pending} messages still queued)`}`,
  );
  console.log(`    ${describeLateness("shown in the tier-2 channel", tier2, cutoffMs)}`);
  console.log(`    ${describeLateness("shown in the owner's DM", dm, cutoffMs)}`);
  console.log(
    `    @-mentions of a tier-2 member in #tier2: ${mentions.total} in all, at most ${mentions.maxPerMinute} in a minute; of a tier-1 member in #tier1: at most ${tier1.maxPerMinute} a minute`,
  );
  console.log(
    `    Slack calls: ${posts} posts, ${edits} edits; 429s: ${rec.rateLimited} ${JSON.stringify(rec.limitedBy)}; landed twice: ${doubled(rec.landed)}; cases not escalated exactly once: ${wrong}`,
  );
  if (aside) console.log(`    edits still to go at chat.update's spare pace (old tier-1 cards, DMs' counts): ${aside}`);
  if (!o.today) {
    const home = await pageThroughHome(botPort, fakePort, "U0TIER2");
    const missing = [...deadlines.keys()].filter((n) => !home.listed.has(n)).length;
    console.log(
      `    App Home of a tier-2 member: says ${home.total} cases; ${home.listed.size} listed over ${home.pages} pages; missing: ${missing}`,
    );
  }
}

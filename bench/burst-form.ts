// Scenario 2: urgent cases opened through the real form (the /complaint new modal, submitted as
// Slack sends it) within a minute, with a 30 s response clock, by 20 agents.
import { complaintValues, viewSubmission } from "../tests/support/payloads.ts";
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
import { pageThroughHome } from "./burst-home.ts";
import { act, command, sqliteDb, startBots, startLimitedFake, tempSqlite, TODAY, waitUntil } from "./burst-setup.ts";

const CLOCK_MS = 30_000;

export async function formRun(o: { label: string; n: number; today: boolean; capMs: number }): Promise<void> {
  const path = tempSqlite();
  const fake = await startLimitedFake();
  const [bot] = await startBots(fake.port, 1, { DATABASE_URL: `file:${path}`, ...(o.today ? TODAY : {}) });
  const db = sqliteDb(path);
  try {
    for (const n of [1, 2, 3])
      await command(
        bot!.port,
        "U0ADMIN",
        "/complaint",
        `tier ${n} <#C0TIER${n}|tier${n}> <@U0TIER${n}|t${n}>`,
        fake.port,
      );
    await command(bot!.port, "U0ADMIN", "/complaint", "policy urgent 30s hours off", fake.port);
    await waitUntil(async () => (await db.count(`SELECT COUNT(*) AS n FROM "ComplaintTier"`)) === 3, 10_000);
    const start = Date.now();
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < o.n; i++) {
      const wait = start + (i * 60_000) / o.n - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const agent = `U0AGENT${i % 20}`;
      sends.push(
        command(bot!.port, agent, "/complaint", "new", fake.port).then(() =>
          act(
            bot!.port,
            viewSubmission({
              user: agent,
              callbackId: "complaint_create",
              privateMetadata: "{}",
              values: complaintValues({
                order: `2026111100${String(i).padStart(4, "0")}`,
                customer: `客户${i}`,
                vip: i % 10 === 0,
                cause: "quality",
                urgency: "urgent",
                summary: "杯子碎了，要求退款",
              }),
            }),
          ),
        ),
      );
    }
    await Promise.all(sends);
    const last = Date.now() + CLOCK_MS;
    const escalated = () => db.count(`SELECT COUNT(*) AS n FROM "ComplaintCase" WHERE tier >= 2`);
    await waitUntil(async () => (await escalated()) >= o.n, 10 * 60_000, 1000);
    const queued = () =>
      db.count(
        `SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE status = 'pending' AND lane NOT LIKE 'd:%' AND (priority < 3 OR (lane LIKE 'U%' AND kind = 'post'))`,
      );
    const settled = await waitUntil(async () => (await queued()) === 0, Math.max(0, last + o.capMs - Date.now()), 1000);
    const cutoff = Date.now() - last;
    const rec = await fetchRecord(fake.port);
    const cases = await db.all<{ number: number; createdAt: string }>(
      `SELECT number, "createdAt" FROM "ComplaintCase"`,
    );
    const deadlines = new Map(cases.map((c) => [c.number, new Date(c.createdAt).getTime() + CLOCK_MS]));
    const tier2 = lateness(
      deadlines,
      firstSeen(rec.calls, (c) => c === "C0TIER2"),
    );
    const dm = lateness(
      deadlines,
      firstSeen(rec.calls, (c) => c.startsWith("U0AGENT"), tellsEscalation),
    );
    const m2 = mentionsPerMinute(rec.calls, "C0TIER2", "U0TIER2");
    const m1 = mentionsPerMinute(rec.calls, "C0TIER1", "U0TIER1");
    const dms = rec.calls.filter(
      (c) => c.method === "chat.postMessage" && String(c.args.channel).startsWith("U0AGENT"),
    ).length;
    console.log(
      `\n  ${o.label}: ${cases.length} cases opened${settled ? "" : ` (cut off ${secs(cutoff)} after the last deadline)`}`,
    );
    console.log(`    ${describeLateness("shown in the tier-2 channel", tier2, cutoff)}`);
    console.log(`    ${describeLateness("shown in the owner's DM", dm, cutoff)}`);
    console.log(
      `    @-mentions: tier 2 in #tier2 at most ${m2.maxPerMinute} a minute (${m2.total} in all); tier 1 in #tier1 at most ${m1.maxPerMinute} a minute`,
    );
    console.log(
      `    DMs to the 20 agents: ${dms}; 429s: ${rec.rateLimited} ${JSON.stringify(rec.limitedBy)}; landed twice: ${doubled(rec.landed)}`,
    );
    if (!o.today) {
      // Each case is on the Home of the tier it is at now (tier 2, or tier 3 once its 30 s there
      // ran out too): page through both members' Homes and count every case listed.
      const homes = [
        await pageThroughHome(bot!.port, fake.port, "U0TIER2"),
        await pageThroughHome(bot!.port, fake.port, "U0TIER3"),
      ];
      const listed = new Set(homes.flatMap((x) => [...x.listed]));
      const missing = [...deadlines.keys()].filter((n) => !listed.has(n)).length;
      console.log(
        `    App Home of the tier-2 and tier-3 members: say ${homes.map((x) => x.total).join(" + ")} cases; ${listed.size} listed over ${homes.map((x) => x.pages).join(" + ")} pages; missing: ${missing}`,
      );
    }
  } finally {
    await db.close();
    await bot!.stop();
    await fake.stop();
  }
}

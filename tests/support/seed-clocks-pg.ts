// Writes `n` open urgent complaint cases straight into a migrated PostgreSQL database, as openCase
// would have left them at tier 1 (card posted, clock armed), with their breach timers due between
// `from` and `to` (the PostgreSQL twin of bench/seed-complaints.ts). Multi-row inserts: 10,000
// cases take about a second.
import pg from "pg";
import { DEFAULT_POLICY } from "../../src/features/complaints/rules.ts";

export const SEED_TIERS = { 1: "C0TIER1", 2: "C0TIER2", 3: "C0TIER3" } as const;

async function insertRows(c: pg.Client, head: string, rows: unknown[][]) {
  for (let i = 0; i < rows.length; i += 1000) {
    const slice = rows.slice(i, i + 1000);
    const width = slice[0]!.length;
    const values = slice
      .map((_, r) => `(${Array.from({ length: width }, (_, k) => `$${r * width + k + 1}`).join(", ")})`)
      .join(", ");
    await c.query(`${head} VALUES ${values}`, slice.flat());
  }
}

/** `first`: the number of cases seeded before, for seeding again into the same database. */
export async function seedClocksPg(
  url: string,
  n: number,
  from: number,
  to: number,
  owners = 200,
  first = 0,
): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const policy = JSON.stringify({
      ...DEFAULT_POLICY,
      tiers: ([1, 2, 3] as const).map((tier) => ({
        tier,
        channelId: SEED_TIERS[tier],
        userIds: [`U0TIER${tier}`],
        userGroupId: null,
      })),
    });
    const now = new Date(from - 7200_000);
    const pad = (i: number) => String(first + i).padStart(8, "0");
    if (first === 0)
      await insertRows(
        c,
        `INSERT INTO "UserProfile" ("userId", "name", "locale", "tz", "isAdmin", "fetchedAt")`,
        Array.from({ length: owners }, (_, o) => [
          `U0OWNER${o}`,
          `Agent ${o}`,
          o % 2 ? "en-US" : "zh-CN",
          "Asia/Shanghai",
          false,
          new Date(from),
        ]),
      );
    const due = (i: number) => new Date(from + Math.floor(((to - from) * i) / Math.max(1, n - 1)));
    await insertRows(
      c,
      `INSERT INTO "OutboxMessage" ("id", "kind", "channel", "body", "status", "attempts", "nextAttemptAt", "createdAt", "ts", "sentChannel", "sentAt", "lane", "seq")`,
      Array.from({ length: n }, (_, i) => [
        `bcard${pad(i)}`,
        "post",
        SEED_TIERS[1],
        '{"text":"card"}',
        "sent",
        1,
        now,
        now,
        `1700000000.${String(first + i).padStart(6, "0")}`,
        SEED_TIERS[1],
        now,
        SEED_TIERS[1],
        first + i + 1,
      ]),
    );
    await insertRows(
      c,
      `INSERT INTO "ComplaintCase" ("id", "number", "status", "tier", "tierPeople", "startTier", "urgency", "cause", "orderNo", "customerName", "vip", "summary", "ownerId", "policy", "clockKind", "clockGen", "clockStartedAt", "deadlineAt", "breaches", "escalations", "cardId", "createdAt")`,
      Array.from({ length: n }, (_, i) => [
        `bcase${pad(i)}`,
        first + i + 1,
        "open",
        1,
        ",U0TIER1,",
        1,
        "urgent",
        "quality",
        `ORD-${first + i}`,
        "王小姐",
        false,
        "杯子破损",
        `U0OWNER${i % owners}`,
        policy,
        "response",
        1,
        new Date(due(i).getTime() - 7200_000),
        due(i),
        0,
        0,
        `bcard${pad(i)}`,
        now,
      ]),
    );
    await insertRows(
      c,
      `INSERT INTO "Timer" ("id", "kind", "key", "ownerId", "payload", "dueAt", "status", "version", "attempts", "createdAt")`,
      Array.from({ length: n }, (_, i) => [
        `btimer${pad(i)}`,
        "complaint.breach",
        `complaint:bcase${pad(i)}:g1:breach:0`,
        `complaint:bcase${pad(i)}`,
        JSON.stringify({ caseId: `bcase${pad(i)}`, gen: 1, seq: 0 }),
        due(i),
        "pending",
        0,
        0,
        now,
      ]),
    );
    await c.query(
      `INSERT INTO "Counter" ("name", "value") VALUES ('complaint', $1) ON CONFLICT ("name") DO UPDATE SET "value" = excluded."value"`,
      [first + n],
    );
  } finally {
    await c.end();
  }
}

// Writes `n` open urgent complaint cases straight into a migrated SQLite file, as openCase
// would have left them at tier 1 (card posted, clock armed), with their breach timers due between
// `from` and `to`. Plain inserts, so 100,000 cases take seconds, not an hour of ORM calls.
import Database from "better-sqlite3";
import { DEFAULT_POLICY } from "../src/features/complaints/rules.ts";
import { migrateSqlite } from "../src/infra/db/migrate.ts";

export const TIERS = { 1: "C0TIER1", 2: "C0TIER2", 3: "C0TIER3" } as const;
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

export function seedComplaints(path: string, n: number, from: number, to: number, owners = 200): void {
  migrateSqlite(`file:${path}`);
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  const policy = JSON.stringify({
    ...DEFAULT_POLICY,
    tiers: ([1, 2, 3] as const).map((tier) => ({
      tier,
      channelId: TIERS[tier],
      userIds: [`U0TIER${tier}`],
      userGroupId: null,
    })),
  });
  const now = iso(from - 7200_000);
  const ic = db.prepare(
    `INSERT INTO "ComplaintCase" (id, number, status, tier, tierPeople, startTier, urgency, cause, orderNo, customerName, vip, summary, ownerId, policy, clockKind, clockGen, clockStartedAt, deadlineAt, breaches, escalations, cardId, createdAt)
     VALUES (?, ?, 'open', 1, ',U0TIER1,', 1, 'urgent', 'quality', ?, '王小姐', 0, '杯子破损', ?, ?, 'response', 1, ?, ?, 0, 0, ?, ?)`,
  );
  const it = db.prepare(
    `INSERT INTO "Timer" (id, kind, key, ownerId, payload, dueAt, status, version, attempts, createdAt) VALUES (?, 'complaint.breach', ?, ?, ?, ?, 'pending', 0, 0, ?)`,
  );
  const io = db.prepare(
    `INSERT INTO "OutboxMessage" (id, kind, channel, body, status, attempts, nextAttemptAt, createdAt, ts, sentChannel, sentAt, lane, seq) VALUES (?, 'post', ?, '{"text":"card"}', 'sent', 1, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const ip = db.prepare(
    `INSERT OR IGNORE INTO "UserProfile" (userId, name, locale, tz, isAdmin, fetchedAt) VALUES (?, ?, ?, 'Asia/Shanghai', 0, ?)`,
  );
  db.transaction(() => {
    for (let o = 0; o < owners; o++) ip.run(`U0OWNER${o}`, `Agent ${o}`, o % 2 ? "en-US" : "zh-CN", iso(from));
    for (let i = 0; i < n; i++) {
      const id = `bcase${String(i).padStart(8, "0")}`;
      const due = from + Math.floor(((to - from) * i) / Math.max(1, n - 1));
      const card = `bcard${String(i).padStart(8, "0")}`;
      io.run(card, TIERS[1], now, now, `1700000000.${String(i).padStart(6, "0")}`, TIERS[1], now, TIERS[1], i + 1);
      ic.run(id, i + 1, `ORD-${i}`, `U0OWNER${i % owners}`, policy, iso(due - 7200_000), iso(due), card, now);
      it.run(
        `btimer${String(i).padStart(8, "0")}`,
        `complaint:${id}:g1:breach:0`,
        `complaint:${id}`,
        JSON.stringify({ caseId: id, gen: 1, seq: 0 }),
        iso(due),
        now,
      );
    }
    db.prepare(`INSERT INTO "Counter" (name, value) VALUES ('complaint', ?)`).run(n);
  })();
  db.close();
}

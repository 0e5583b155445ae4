// Two bot processes (the compiled bot, as `npm start` runs it) on one PostgreSQL, one of them
// killed with SIGKILL in the middle of the work. The other takes over what the dead one had
// claimed once its lease runs out.
//
// 1. 10,000 complaint clocks falling due over 30 s: every clock fires once (one escalation per
//    case, tier 2), none lost.
// 2. 2,000 queued messages to 20 channels: every message delivered, in order per channel, and
//    the per-channel pace held by the two replicas together. The pace is OUTBOX_CHANNEL_INTERVAL,
//    100 ms here so the run takes seconds instead of 100 s; the mechanism (a lane's next time in
//    the database, claimed with FOR UPDATE SKIP LOCKED) is the one that keeps Slack's 1 s.
// 3. A 429 answered to one replica pauses chat.postMessage on both.
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/infra/db/db.ts";
import { systemClock } from "../../src/infra/clock.ts";
import { enqueueMany } from "../../src/outbox/outbox.ts";
import { freshDbUrl } from "../support/db.ts";
import { FakeSlack } from "../support/fake-slack.ts";
import { seedClocksPg } from "../support/seed-clocks-pg.ts";
import { SIGNING_SECRET } from "../support/signed.ts";

const main = resolve("dist/main.js");

interface Replica {
  name: string;
  kill(): void;
  exited: Promise<unknown>;
}

function startReplica(name: string, env: Record<string, string>): Promise<Replica> {
  const child = spawn(process.execPath, ["--max-semi-space-size=2", main], {
    env: {
      PATH: process.env.PATH!,
      SLACK_BOT_TOKEN: "xoxb-replica-test",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      ...env,
    },
  });
  let out = "";
  const exited = new Promise((r) => child.on("exit", r));
  return new Promise((resolveStart, reject) => {
    const feed = (d: Buffer) => {
      out += d;
      if (out.includes("shopops started")) resolveStart({ name, kill: () => child.kill("SIGKILL"), exited });
    };
    child.stdout.on("data", feed);
    child.stderr.on("data", feed);
    void exited.then(() => reject(new Error(`${name} exited before starting:\n${out}`)));
  });
}

async function waitFor(check: () => Promise<boolean>, ms: number) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 250));
  }
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

describe("two replicas on one PostgreSQL, one killed mid-work", () => {
  const replicas: Replica[] = [];
  let fake: FakeSlack | undefined;
  afterEach(async () => {
    for (const r of replicas.splice(0)) {
      r.kill();
      await r.exited;
    }
    await fake?.stop();
  });

  it("10,000 clocks due within 30 s: each fires exactly once, the survivor finishes the dead one's claims", async () => {
    const N = 10_000;
    const url = await freshDbUrl();
    const from = Date.now() + 8_000;
    await seedClocksPg(url, N, from, from + 30_000);
    fake = await new FakeSlack().start();
    const env = { DATABASE_URL: url, SLACK_API_URL: fake.apiUrl, TIMER_LEASE: "10s", OUTBOX_CHANNEL_INTERVAL: "1s" };
    replicas.push(await startReplica("a", env), await startReplica("b", env));
    const { db, sql } = await openDatabase(url, { poolSize: 2 });
    try {
      // Kill replica a at a random moment while the clocks fall due.
      const killAt = from + Math.random() * 30_000;
      await new Promise((r) => setTimeout(r, Math.max(0, killAt - Date.now())));
      replicas[0]!.kill();
      const doneAtKill = await db.timer.count({ where: { kind: "complaint.breach", status: "done" } });

      await waitFor(
        async () =>
          (await db.timer.count({
            where: { kind: "complaint.breach", key: { endsWith: ":g1:breach:0" }, status: "done" },
          })) === N,
        240_000,
      );
      const cases = await sql.all<{ id: string; tier: number; escalations: number; n: unknown }>(
        `SELECT c."id", c."tier", c."escalations", (SELECT COUNT(*) FROM "ComplaintEvent" e WHERE e."caseId" = c."id" AND e."kind" = 'escalated_auto') AS "n" FROM "ComplaintCase" c`,
      );
      expect(cases).toHaveLength(N);
      expect(cases.filter((c) => c.tier !== 2 || c.escalations !== 1 || Number(c.n) !== 1)).toEqual([]);
      // Each escalation queued its owner's DM once (no replica ran a clock twice).
      const dms = await sql.all<{ n: unknown }>(
        `SELECT COUNT(*) AS "n" FROM "OutboxMessage" WHERE "channel" LIKE 'U0OWNER%' AND "groupKey" = 'complaint.owner'`,
      );
      expect(Number(dms[0]!.n)).toBe(N);
      const timers = await db.timer.findMany({
        where: { kind: "complaint.breach", key: { endsWith: ":g1:breach:0" } },
        select: { dueAt: true, finishedAt: true },
      });
      const late = timers.map((t) => t.finishedAt!.getTime() - t.dueAt.getTime());
      console.log(
        `killed a at +${Math.round(killAt - from)} ms with ${doneAtKill} done; lateness p50 ${pct(late, 50)} ms, p99 ${pct(late, 99)} ms, max ${Math.max(...late)} ms (lease 10 s)`,
      );
    } finally {
      await db.$disconnect();
    }
  }, 400_000);

  it("2,000 messages to 20 channels: each delivered, in order per channel, paced across both replicas", async () => {
    const PER = 100;
    const CHANNELS = Array.from({ length: 20 }, (_, i) => `C0LOAD${String(i).padStart(2, "0")}`);
    const INTERVAL = 100;
    const url = await freshDbUrl();
    const { db, sql } = await openDatabase(url, { poolSize: 2 });
    try {
      const msgs = CHANNELS.flatMap((channel) =>
        Array.from({ length: PER }, (_, i) => ({ kind: "post" as const, channel, body: { text: `${channel} #${i}` } })),
      );
      await sql.tx((q) => enqueueMany(q, systemClock, msgs).then(() => {}));
      fake = await new FakeSlack().start();
      // Slack answers the very first message with a 429: whichever replica sent it, both pause.
      fake.script("chat.postMessage", { status: 429, retryAfter: 2 });
      // This fake counts no workspace budget: the per-channel pace is what is under test.
      const env = {
        DATABASE_URL: url,
        SLACK_API_URL: fake.apiUrl,
        OUTBOX_CHANNEL_INTERVAL: `${INTERVAL}ms`,
        SLACK_POSTS_PER_MINUTE: "0",
      };
      replicas.push(await startReplica("a", env), await startReplica("b", env));
      await waitFor(async () => fake!.callsOf("chat.postMessage").length > 0, 30_000);
      const limitedAt = fake.callsOf("chat.postMessage")[0]!.at;
      await new Promise((r) => setTimeout(r, 1500 + Math.random() * 3000));
      replicas[0]!.kill();

      await waitFor(
        async () => (await db.outboxMessage.count({ where: { status: "sent" } })) === CHANNELS.length * PER,
        240_000,
      );
      const posts = fake.callsOf("chat.postMessage").slice(1);
      // Nothing was sent while the method was paused (Retry-After: 2 s after the 429), except the
      // sends both replicas had already started before the 429 came back.
      expect(posts.filter((p) => p.at > limitedAt + 300 && p.at < limitedAt + 2000 - 50)).toEqual([]);
      for (const channel of CHANNELS) {
        const mine = posts.filter((p) => p.args.channel === channel);
        // What Slack shows in the channel: each message exactly once, in order. A message that was
        // on the wire when its replica was killed is found by its metadata, not posted again.
        const landed = fake.ws.messages
          .filter((m) => m.channel === channel)
          .map((m) => Number(/#(\d+)$/.exec(m.text)![1]));
        expect(landed, channel).toEqual(Array.from({ length: PER }, (_, i) => i));
        const gaps = mine.slice(1).map((p, i) => p.at - mine[i]!.at);
        expect(Math.min(...gaps), `${channel}: two sends closer than the interval`).toBeGreaterThanOrEqual(
          INTERVAL * 0.8,
        );
      }
      const lookedUp = fake.callsOf("conversations.history").length;
      console.log(
        `2,000 messages delivered by two replicas (one killed), each once; sends in doubt looked up after the kill: ${lookedUp}`,
      );
    } finally {
      await db.$disconnect();
    }
  }, 400_000);
});

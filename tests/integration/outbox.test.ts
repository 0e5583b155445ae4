// The outbox against a fake Slack, on an injected clock: pacing, backoff and 429 pauses are
// checked by the clock the rows are dated with, never by sleeping in real time.
import { until } from "../support/harness.ts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import { openDatabase, type DbClient } from "../../src/infra/db/db.ts";
import { createLogger } from "../../src/infra/logger.ts";
import type { Sql } from "../../src/infra/db/sql.ts";
import { createSlackApi } from "../../src/slack/api.ts";
import { enqueueMessage } from "../../src/outbox/outbox.ts";
import { OutboxSender, type SenderOptions } from "../../src/slack/sender.ts";
import { freshDb } from "../support/db.ts";
import { FakeSlack } from "../support/fake-slack.ts";

const log = createLogger("silent");
const T0 = new Date("2026-11-28T02:00:00Z").getTime();

describe("outbox delivery against a fake Slack", () => {
  let fake: FakeSlack;
  let db: DbClient;
  let sql: Sql;
  let url: string;
  let clock: FixedClock;
  const senders: OutboxSender[] = [];
  const newSender = (o: SenderOptions = {}, q = sql) => {
    const s = new OutboxSender(q, clock, createSlackApi("xoxb-test", fake.apiUrl), log, {
      perChannelIntervalMs: 1000,
      ...o,
    });
    senders.push(s);
    return s;
  };

  beforeEach(async () => {
    clock = new FixedClock(new Date(T0));
    fake = await new FakeSlack().start();
    fake.clock = clock;
    ({ db, sql, url } = await freshDb());
  });
  afterEach(async () => {
    for (const s of senders.splice(0)) await s.stop();
    await fake.stop();
    await db.$disconnect();
  });

  const post = (channel: string, text: string, dedupeKey?: string) =>
    enqueueMessage(db, clock, { kind: "post", channel, body: { text }, dedupeKey });
  const row = (id: string) => db.outboxMessage.findUniqueOrThrow({ where: { id } });
  const texts = (channel: string) =>
    fake
      .callsOf("chat.postMessage")
      .filter((c) => c.args.channel === channel)
      .map((c) => c.args.text);
  /** Moves the clock in steps and sends whatever falls due at each. */
  const run = async (s: OutboxSender, ms: number, step = 250) => {
    await s.drain();
    for (let t = 0; t < ms; t += step) {
      clock.advance(step);
      await s.drain();
    }
  };

  it("waits out two 429s (Retry-After: 1) and then delivers exactly once, pausing the method", async () => {
    fake.script("chat.postMessage", { status: 429, retryAfter: 1 }, { status: 429, retryAfter: 1 });
    const { id } = await post("C1", "hello");
    const s = newSender();
    await s.drain();
    expect(fake.callsOf("chat.postMessage")).toHaveLength(1);
    // The pause is for the whole method: another channel waits too.
    await post("C2", "also waits");
    await s.drain();
    expect(fake.callsOf("chat.postMessage")).toHaveLength(1);
    await run(s, 2000);
    const calls = fake.callsOf("chat.postMessage");
    expect(calls.filter((c) => c.args.text === "hello")).toHaveLength(3);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000);
    expect((await row(id)).status).toBe("sent");
    expect((await row(id)).ts).toMatch(/^\d+\.\d+$/);
    await run(s, 5000);
    expect(fake.callsOf("chat.postMessage").filter((c) => c.args.text === "hello")).toHaveLength(3);
  });

  it("a 429 seen by one sender pauses that method for another sender on the same database", async () => {
    fake.script("chat.postMessage", { status: 429, retryAfter: 30 });
    await post("C1", "first");
    const a = newSender();
    await a.drain();
    const other = await openDatabase(url);
    const b = newSender({}, other.sql);
    await post("C2", "second");
    await b.drain();
    clock.advance(29_000);
    await b.drain();
    expect(fake.callsOf("chat.postMessage")).toHaveLength(1);
    clock.advance(1_000);
    await b.drain();
    expect(texts("C1")).toEqual(["first", "first"]);
    expect(texts("C2")).toEqual(["second"]);
    await other.db.$disconnect();
  });

  it("sends a message queued before a crash exactly once after the restart", async () => {
    const { id } = await post("C1", "queued before the crash");
    expect(fake.calls).toHaveLength(0);
    await newSender().drain();
    expect((await row(id)).status).toBe("sent");
    // A second start must not send it again.
    await run(newSender(), 3000);
    expect(texts("C1")).toEqual(["queued before the crash"]);
  });

  it("sends again, once, a message whose sender died mid-flight, after the lease", async () => {
    const { id } = await post("C1", "claimed then died");
    // The first sender claimed the lane and the message, then the process died.
    // Its Slack call never returns: like a process killed while the request was in flight.
    const hung = { ...createSlackApi("xoxb-test", fake.apiUrl), call: () => new Promise<never>(() => {}) };
    const dead = new OutboxSender(sql, clock, hung, log, { leaseMs: 60_000 });
    await dead.pass();
    expect((await row(id)).attempts).toBe(1);
    const s = newSender({ leaseMs: 60_000 });
    await run(s, 59_000, 1000);
    expect(texts("C1")).toEqual([]);
    await run(s, 2000, 1000);
    expect(texts("C1")).toEqual(["claimed then died"]);
    expect((await row(id)).status).toBe("sent");
  });

  it("marks channel_not_found as failed with the reason and never retries it", async () => {
    fake.script("chat.postMessage", { error: "channel_not_found" });
    const { id } = await post("C-GONE", "nobody home");
    const failed: string[] = [];
    const s = newSender({ onFailed: async (r, reason) => void failed.push(`${r.id}:${reason}`) });
    await run(s, 10_000, 1000);
    expect(await row(id)).toMatchObject({ status: "failed", lastError: "channel_not_found" });
    expect(fake.callsOf("chat.postMessage")).toHaveLength(1);
    expect(failed).toEqual([`${id}:channel_not_found`]);
  });

  it("retries a 5xx with backoff and then delivers", async () => {
    fake.script("chat.postMessage", { status: 503 });
    const { id } = await post("C1", "after an outage");
    const s = newSender();
    await s.drain();
    expect(await row(id)).toMatchObject({ status: "pending", lastError: "http_503" });
    await run(s, 2000);
    const calls = fake.callsOf("chat.postMessage");
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(750);
    expect((await row(id)).status).toBe("sent");
  });

  it("keeps per-channel order after 30 s of 500s: nothing overtakes a message waiting in backoff", async () => {
    fake.outage("chat.postMessage", T0 + 30_000, 500);
    for (let i = 0; i < 15; i++) await post("C-ORDER", `m${i}`);
    await post("C-OTHER", "o0");
    const s = newSender({ perChannelIntervalMs: 1000 });
    await run(s, 120_000, 500);
    const delivered = fake
      .callsOf("chat.postMessage")
      .filter((c) => c.at >= T0 + 30_000 && c.args.channel === "C-ORDER");
    expect(delivered.map((c) => c.args.text)).toEqual(Array.from({ length: 15 }, (_, i) => `m${i}`));
    // Once the outage is over, still one a second in the channel.
    for (let i = 1; i < delivered.length; i++)
      expect(delivered[i]!.at - delivered[i - 1]!.at).toBeGreaterThanOrEqual(1000);
    expect(await db.outboxMessage.count({ where: { status: "sent" } })).toBe(16);
  });

  it("edits an earlier message in place with the ts Slack returned, newest edit only", async () => {
    const first = await post("C1", "v1");
    const s = newSender({ perChannelIntervalMs: 0 });
    await s.drain();
    const posted = await row(first.id);
    const u1 = await enqueueMessage(db, clock, { kind: "update", targetId: first.id, body: { text: "v2" } });
    const u2 = await enqueueMessage(db, clock, { kind: "update", targetId: first.id, body: { text: "v3" } });
    await s.drain();
    const updates = fake.callsOf("chat.update");
    expect(updates).toHaveLength(1);
    expect(updates[0]!.args).toMatchObject({ channel: "C1", ts: posted.ts, text: "v3" });
    expect((await row(u1.id)).status).toBe("superseded");
    expect((await row(u2.id)).status).toBe("sent");
  });

  it("an edit of a post not sent yet becomes its content; edits of a sent post go after it, only the latest", async () => {
    const s = newSender({ perChannelIntervalMs: 0 });
    const { id } = await db.$transaction(async (tx) => {
      const p = await enqueueMessage(tx, clock, { kind: "post", channel: "C1", body: { text: "card" } });
      await enqueueMessage(tx, clock, { kind: "post", channel: "C1", threadOfId: p.id, body: { text: "note" } });
      await enqueueMessage(tx, clock, { kind: "update", targetId: p.id, body: { text: "card v2" } });
      return p;
    });
    await s.drain();
    const ts = (await row(id)).ts;
    // Ten edits queued while the card is out: one chat.update, with the last of them.
    for (let i = 3; i <= 12; i++)
      await enqueueMessage(db, clock, { kind: "update", targetId: id, body: { text: `card v${i}` } });
    await s.drain();
    expect(
      fake.calls
        .filter((c) => c.method.startsWith("chat."))
        .map((c) => [c.method, c.args.text, c.args.thread_ts ?? c.args.ts ?? null]),
    ).toEqual([
      ["chat.postMessage", "card v2", null],
      ["chat.postMessage", "note", ts],
      ["chat.update", "card v12", ts],
    ]);
    expect(await db.outboxMessage.count({ where: { targetId: id, status: "superseded" } })).toBe(9);
  });

  it("keeps to one message per second in a channel, in order, while other channels proceed", async () => {
    for (let i = 0; i < 3; i++) await post("C-BUSY", `m${i}`);
    await post("C-OTHER", "other");
    const s = newSender();
    await s.drain();
    expect(texts("C-BUSY")).toEqual(["m0"]);
    expect(texts("C-OTHER")).toEqual(["other"]);
    clock.advance(999);
    await s.drain();
    expect(texts("C-BUSY")).toEqual(["m0"]);
    clock.advance(1);
    await s.drain();
    expect(texts("C-BUSY")).toEqual(["m0", "m1"]);
    clock.advance(1000);
    await s.drain();
    expect(texts("C-BUSY")).toEqual(["m0", "m1", "m2"]);
  });

  it("queues a message once per dedupe key", async () => {
    const a = await post("C1", "once", "digest:sub1:2026-11-28");
    const b = await post("C1", "once", "digest:sub1:2026-11-28");
    expect(b.id).toBe(a.id);
    expect(await db.outboxMessage.count()).toBe(1);
    expect((await db.outboxLane.findUniqueOrThrow({ where: { lane: "C1" } })).pending).toBe(1);
  });

  it("wakes by itself at the injected clock's time of the next due lane", async () => {
    const s = newSender();
    s.start();
    await post("C1", "a");
    await post("C1", "b");
    s.kick();
    await until(() => texts("C1").length >= 1);
    // Slack has "a"; wait until the sender has recorded it (the lane's next time is set from the
    // clock at that moment), then move the clock past that time.
    await until(async () => (await db.outboxMessage.count({ where: { status: "sent" } })) === 1);
    expect(texts("C1")).toEqual(["a"]);
    clock.advance(1000);
    await until(() => texts("C1").length >= 2);
    expect(texts("C1")).toEqual(["a", "b"]);
  });
});

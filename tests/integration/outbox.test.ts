import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { systemClock } from "../../src/infra/clock.ts";
import type { DbClient } from "../../src/infra/db.ts";
import { createLogger } from "../../src/infra/logger.ts";
import { createSlackApi } from "../../src/slack/api.ts";
import { enqueueMessage } from "../../src/slack/outbox.ts";
import { OutboxSender } from "../../src/slack/sender.ts";
import { freshDb } from "../support/db.ts";
import { FakeSlack } from "../support/fake-slack.ts";
import { until } from "../support/harness.ts";

const log = createLogger("silent");

describe("outbox delivery against a fake Slack", () => {
  let fake: FakeSlack;
  let db: DbClient;
  let sender: OutboxSender;
  const newSender = () => new OutboxSender(db, systemClock, createSlackApi("xoxb-test", fake.apiUrl), log);

  beforeEach(async () => {
    fake = await new FakeSlack().start();
    ({ db } = await freshDb());
  });
  afterEach(async () => {
    await sender?.stop();
    await fake.stop();
    await db.$disconnect();
  });

  const post = (channel: string, text: string, dedupeKey?: string) =>
    enqueueMessage(db, systemClock, { kind: "post", channel, body: { text }, dedupeKey });
  const statusOf = async (id: string) => (await db.outboxMessage.findUniqueOrThrow({ where: { id } })).status;

  it("waits out two 429s (Retry-After: 1) and then delivers exactly once", async () => {
    fake.script("chat.postMessage", { status: 429, retryAfter: 1 }, { status: 429, retryAfter: 1 });
    const { id } = await post("C1", "hello");
    const queuedAt = Date.now();
    sender = newSender();
    sender.start();
    await until(async () => (await statusOf(id)) === "sent", 10_000);
    const calls = fake.callsOf("chat.postMessage");
    expect(calls).toHaveLength(3);
    // Two pauses of one second each: the successful call cannot come before two seconds.
    expect(calls[2]!.at - queuedAt).toBeGreaterThanOrEqual(2000);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000);
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(row.ts).toMatch(/^\d+\.\d+$/);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.callsOf("chat.postMessage")).toHaveLength(3);
  });

  it("sends a message queued before a crash exactly once after the restart", async () => {
    const { id } = await post("C1", "queued before the crash");
    // The first process died before its sender ran: the row simply waits in the database.
    expect(fake.calls).toHaveLength(0);
    sender = newSender();
    sender.start();
    await until(async () => (await statusOf(id)) === "sent");
    await sender.stop();
    // A second restart must not send it again.
    sender = newSender();
    sender.start();
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.callsOf("chat.postMessage").filter((c) => c.args.text === "queued before the crash")).toHaveLength(1);
  });

  it("retries a send whose worker died mid-flight once its lease has expired", async () => {
    const { id } = await post("C1", "claimed then crashed");
    await db.outboxMessage.update({ where: { id }, data: { status: "sending", attempts: 1, leaseUntil: new Date(Date.now() - 1000) } });
    sender = newSender();
    sender.start();
    await until(async () => (await statusOf(id)) === "sent");
    expect(fake.callsOf("chat.postMessage")).toHaveLength(1);
  });

  it("marks channel_not_found as failed with the reason and never retries it", async () => {
    fake.script("chat.postMessage", { error: "channel_not_found" });
    const { id } = await post("C-GONE", "nobody home");
    sender = newSender();
    sender.start();
    await until(async () => (await statusOf(id)) === "failed");
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(row.lastError).toBe("channel_not_found");
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.callsOf("chat.postMessage")).toHaveLength(1);
  });

  it("retries a 5xx with backoff and then delivers", async () => {
    fake.script("chat.postMessage", { status: 503 });
    const { id } = await post("C1", "after an outage");
    sender = newSender();
    sender.start();
    await until(async () => (await statusOf(id)) === "sent", 10_000);
    const calls = fake.callsOf("chat.postMessage");
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(700);
  });

  it("edits an earlier message in place with the ts Slack returned, newest edit only", async () => {
    const first = await post("C1", "v1");
    sender = newSender();
    sender.start();
    await until(async () => (await statusOf(first.id)) === "sent");
    const posted = await db.outboxMessage.findUniqueOrThrow({ where: { id: first.id } });
    await sender.stop();
    const u1 = await enqueueMessage(db, systemClock, { kind: "update", targetId: first.id, body: { text: "v2" } });
    const u2 = await enqueueMessage(db, systemClock, { kind: "update", targetId: first.id, body: { text: "v3" } });
    sender = newSender();
    sender.start();
    await until(async () => (await statusOf(u2.id)) === "sent");
    const updates = fake.callsOf("chat.update");
    expect(updates).toHaveLength(1);
    expect(updates[0]!.args).toMatchObject({ channel: "C1", ts: posted.ts, text: "v3" });
    expect(await statusOf(u1.id)).toBe("superseded");
  });

  it("keeps to one message per second in a channel, in order, while other channels proceed", async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await post("C-BUSY", `m${i}`)).id);
    await post("C-OTHER", "other");
    sender = newSender();
    sender.start();
    await until(async () => (await db.outboxMessage.count({ where: { status: "sent" } })) === 4, 10_000);
    const busy = fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "C-BUSY");
    expect(busy.map((c) => c.args.text)).toEqual(["m0", "m1", "m2"]);
    expect(busy[1]!.at - busy[0]!.at).toBeGreaterThanOrEqual(950);
    expect(busy[2]!.at - busy[1]!.at).toBeGreaterThanOrEqual(950);
    const other = fake.callsOf("chat.postMessage").find((c) => c.args.channel === "C-OTHER")!;
    expect(other.at).toBeLessThan(busy[1]!.at);
  });

  it("queues a message once per dedupe key", async () => {
    const a = await post("C1", "once", "digest:sub1:2026-11-28");
    const b = await post("C1", "once", "digest:sub1:2026-11-28");
    expect(b.id).toBe(a.id);
    expect(await db.outboxMessage.count()).toBe(1);
  });
});

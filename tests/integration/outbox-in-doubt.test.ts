// A sender that dies after Slack took a message but before it wrote "sent" leaves the message in
// doubt: the sender that takes the lane over after the lease must not post it twice. Each post
// carries its outbox id in its metadata; the resend looks for it in the channel (or thread) first.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import type { DbClient } from "../../src/infra/db/db.ts";
import { createLogger } from "../../src/infra/logger.ts";
import type { Sql } from "../../src/infra/db/sql.ts";
import { createSlackApi } from "../../src/slack/api.ts";
import type { SlackApi } from "../../src/deps.ts";
import { enqueueMessage } from "../../src/outbox/outbox.ts";
import type { OutgoingMessage } from "../../src/outbox/message.ts";
import { OutboxSender } from "../../src/slack/sender.ts";
import { freshDb } from "../support/db.ts";
import { FakeSlack } from "../support/fake-slack.ts";
import { until } from "../support/harness.ts";

const log = createLogger("silent");
const LEASE = 10_000;

describe("a message in flight when its sender dies", () => {
  let fake: FakeSlack;
  let db: DbClient;
  let sql: Sql;
  let clock: FixedClock;
  const cleanup: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    clock = new FixedClock("2026-11-28T02:00:00Z");
    fake = await new FakeSlack().start();
    ({ db, sql } = await freshDb());
  });
  afterEach(async () => {
    for (const c of cleanup.splice(0)) await c();
    await fake.stop();
    await db.$disconnect();
  });

  /** A sender whose process "dies" at its chat.postMessage: before Slack gets it, or after Slack has it. */
  function dyingSender(when: "before" | "after") {
    const real = createSlackApi("xoxb-test", fake.apiUrl);
    let die!: () => void;
    const dead = new Promise<never>((_, reject) => (die = () => reject(new Error("the process is gone"))));
    dead.catch(() => {});
    let reached = false;
    const api: SlackApi = {
      ...real,
      async call(method, args) {
        if (method !== "chat.postMessage") return real.call(method, args);
        if (when === "after") await real.call(method, args);
        reached = true;
        return dead;
      },
    };
    const s = new OutboxSender(sql, clock, api, log, { leaseMs: LEASE, perChannelIntervalMs: 0 });
    cleanup.push(async () => {
      die();
      await s.stop();
    });
    return { s, reached: () => reached };
  }
  const survivor = () => {
    const s = new OutboxSender(sql, clock, createSlackApi("xoxb-test", fake.apiUrl), log, {
      leaseMs: LEASE,
      perChannelIntervalMs: 0,
    });
    cleanup.push(() => s.stop());
    return s;
  };

  async function crashThenTakeOver(msg: OutgoingMessage, when: "before" | "after") {
    const { id } = await enqueueMessage(db, clock, msg);
    const dying = dyingSender(when);
    await dying.s.pass();
    await until(() => dying.reached());
    clock.advance(LEASE + 1);
    await survivor().drain();
    return db.outboxMessage.findUniqueOrThrow({ where: { id } });
  }

  const posts = (channel: string) =>
    fake.ws.messages.filter((m) => m.channel === channel && m.text.startsWith("order"));

  it("finds the first send in the channel and records it instead of posting again", async () => {
    const row = await crashThenTakeOver({ kind: "post", channel: "C1", body: { text: "order 1" } }, "after");
    expect(posts("C1")).toHaveLength(1);
    expect(fake.callsOf("chat.postMessage")).toHaveLength(1);
    expect(row).toMatchObject({ status: "sent", ts: posts("C1")[0]!.ts, sentChannel: "C1" });
  });

  it("posts it when the first send never reached Slack", async () => {
    const row = await crashThenTakeOver({ kind: "post", channel: "C1", body: { text: "order 2" } }, "before");
    expect(posts("C1")).toHaveLength(1);
    expect(row.status).toBe("sent");
  });

  it("looks in the thread for a reply, and in the DM for a message to a person", async () => {
    const parent = fake.ws.post({ channel: "C2", text: "parent" });
    await crashThenTakeOver({ kind: "post", channel: "C2", threadTs: parent.ts, body: { text: "order 3" } }, "after");
    expect(fake.ws.thread("C2", parent.ts).filter((m) => m.text === "order 3")).toHaveLength(1);
    expect(fake.callsOf("conversations.replies")).toHaveLength(1);

    await crashThenTakeOver({ kind: "post", channel: "U0AMY", body: { text: "order 4" } }, "after");
    expect(posts("D0AMY")).toHaveLength(1);
  });

  it("many times over, at both points: never lost, never doubled", async () => {
    for (let i = 0; i < 20; i++) {
      const row = await crashThenTakeOver(
        { kind: "post", channel: `C${i % 3}`, body: { text: `order r${i}` } },
        i % 2 ? "after" : "before",
      );
      expect(row.status).toBe("sent");
    }
    for (let i = 0; i < 20; i++) expect(fake.ws.messages.filter((m) => m.text === `order r${i}`)).toHaveLength(1);
  });

  it("without a history scope it cannot look, and sends again rather than never (the README says so)", async () => {
    fake.script("conversations.history", { error: "missing_scope" });
    await crashThenTakeOver({ kind: "post", channel: "C5", body: { text: "order 5" } }, "after");
    expect(posts("C5")).toHaveLength(2);
  });
});

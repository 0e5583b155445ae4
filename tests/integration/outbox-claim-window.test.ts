// A sender takes its lanes in one transaction and their heads in later ones (judged in the second,
// taken in the last), so an escalation queueing into the same lanes never waits for the whole
// claim. After the judging, an enqueue may change a head: merge an edit into a post not sent yet,
// or supersede a queued edit. These tests queue exactly there and check what Slack shows.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import type { DbClient } from "../../src/infra/db/db.ts";
import type { Sql } from "../../src/infra/db/sql.ts";
import { createLogger } from "../../src/infra/logger.ts";
import { enqueueMessage } from "../../src/outbox/outbox.ts";
import { createSlackApi } from "../../src/slack/api.ts";
import { OutboxSender } from "../../src/slack/sender.ts";
import { freshDb } from "../support/db.ts";
import { FakeSlack } from "../support/fake-slack.ts";

const T0 = new Date("2026-11-28T02:00:00Z").getTime();

describe("a head changed between a sender's claim and its send", () => {
  let fake: FakeSlack;
  let db: DbClient;
  let sql: Sql;
  let clock: FixedClock;
  let sender: OutboxSender;
  /** Runs once, right after the sender's next claim has judged its lanes' heads. */
  let between: (() => Promise<unknown>) | undefined;
  let txs = 0;

  beforeEach(async () => {
    clock = new FixedClock(new Date(T0));
    fake = await new FakeSlack().start();
    fake.clock = clock;
    ({ db, sql } = await freshDb());
    const watched: Sql = {
      ...sql,
      tx: async (fn) => {
        const out = await sql.tx(fn);
        // A claim's transactions (after the statement taking its lanes): the heads judged, Slack's
        // budget, the heads taken. The hook runs right after the judging.
        if (between && ++txs === 1) {
          const hook = between;
          between = undefined;
          await hook();
        }
        return out;
      },
    };
    sender = new OutboxSender(watched, clock, createSlackApi("xoxb-test", fake.apiUrl), createLogger("silent"), {
      perChannelIntervalMs: 0,
    });
  });
  afterEach(async () => {
    await sender.stop();
    await fake.stop();
    await db.$disconnect();
  });

  const edit = (targetId: string, text: string) =>
    enqueueMessage(db, clock, { kind: "update", targetId, body: { text } });
  const chat = () =>
    fake.calls.filter((c) => c.method.startsWith("chat.")).map((c) => [c.method, c.args.text] as const);
  const pending = async () => (await db.outboxLane.findMany()).reduce((n, l) => n + l.pending, 0);

  it("an edit merged into a post not sent yet goes out with the post", async () => {
    const { id } = await enqueueMessage(db, clock, { kind: "post", channel: "C1", body: { text: "card v1" } });
    txs = 0;
    between = () => edit(id, "card v2");
    await sender.drain();
    // Whichever way it went (in the post, or as an edit after it), Slack shows the latest.
    const calls = chat();
    expect(calls.at(-1)?.[1]).toBe("card v2");
    expect(calls[0]).toEqual(["chat.postMessage", calls.length === 1 ? "card v2" : "card v1"]);
    expect(await pending()).toBe(0);
  });

  it("a queued edit superseded meanwhile is never sent; the newer one is, once", async () => {
    const { id } = await enqueueMessage(db, clock, { kind: "post", channel: "C1", body: { text: "card v1" } });
    await sender.drain();
    await edit(id, "card v2");
    txs = 0;
    between = () => edit(id, "card v3");
    await sender.drain();
    clock.advance(1_000);
    await sender.drain();
    expect(chat()).toEqual([
      ["chat.postMessage", "card v1"],
      ["chat.update", "card v3"],
    ]);
    // The lane's count neither lost nor counted twice the superseded edit.
    expect(await pending()).toBe(0);
    expect(await db.outboxMessage.count({ where: { status: "pending" } })).toBe(0);
  });
});

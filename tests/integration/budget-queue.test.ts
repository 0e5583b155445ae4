// Heads told to wait for Slack's budget in one claim queue for it: each is told a token later
// than the one before, so a burst's waiting lanes are judged again one per token, not all of them
// at every token. Urgent heads come first in a claim, so they are told the earliest times.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DbClient } from "../../src/infra/db/db.ts";
import type { Sql } from "../../src/infra/db/sql.ts";
import { PRIORITY } from "../../src/outbox/message.ts";
import { BudgetBook, type Budgets } from "../../src/slack/delivery/budget.ts";
import { freshDb } from "../support/db.ts";

const NOW = new Date("2026-11-11T01:00:00Z");
const POST = ["chat.postMessage"];
const budgets: Budgets = {
  limits: { "chat.postMessage": { perMinute: 60, burst: 2 }, "chat.update": { perMinute: 30, burst: 1 } },
  reserve: { "chat.postMessage": 1 },
};

describe("Slack's budget in one claim", () => {
  let db: DbClient;
  let sql: Sql;
  beforeEach(async () => ({ db, sql } = await freshDb()));
  afterEach(async () => db.$disconnect());

  const open = () => sql.tx((q) => BudgetBook.open(q, budgets, NOW));

  it("tells each head that must wait a token later than the one before", async () => {
    const book = await open();
    // Two tokens to start with (the burst), then one a second.
    expect(book.take(POST, PRIORITY.urgent)).toBeUndefined();
    expect(book.take(POST, PRIORITY.urgent)).toBeUndefined();
    const waits = [0, 1, 2, 3].map(() => book.take(POST, PRIORITY.urgent)! - NOW.getTime());
    expect(waits).toEqual([1_000, 2_000, 3_000, 4_000]);
    // Another method's queue is its own.
    expect(book.take(["chat.update"], PRIORITY.news)).toBeUndefined();
    expect(book.take(["chat.update"], PRIORITY.news)! - NOW.getTime()).toBe(2_000);
  });

  it("bulk keeps the reserve free, and queues behind the heads already waiting", async () => {
    const book = await open();
    // One of the two tokens is kept back from bulk: the first bulk head goes, the next waits.
    expect(book.take(POST, PRIORITY.bulk)).toBeUndefined();
    expect(book.take(POST, PRIORITY.bulk)! - NOW.getTime()).toBe(1_000);
    expect(book.take(POST, PRIORITY.urgent)).toBeUndefined();
    expect(book.take(POST, PRIORITY.bulk)! - NOW.getTime()).toBe(3_000);
  });

  it("a new claim starts from the buckets as they are: what waited before is judged again then", async () => {
    let book = await open();
    for (let i = 0; i < 5; i++) book.take(POST, PRIORITY.urgent);
    await sql.tx((q) => book.save(q));
    book = await sql.tx((q) => BudgetBook.open(q, budgets, new Date(NOW.getTime() + 1_000)));
    expect(book.take(POST, PRIORITY.urgent)).toBeUndefined();
    expect(book.take(POST, PRIORITY.urgent)! - NOW.getTime()).toBe(2_000);
  });
});

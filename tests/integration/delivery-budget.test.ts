// Slack's budget as the sender spends it (BudgetBook over the SlackBudget rows): bulk work (old
// cards brought up to date, a DM's later pages) never takes the last tokens of a method; what a
// person did and news still find one.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DbClient } from "../../src/infra/db/db.ts";
import type { Sql } from "../../src/infra/db/sql.ts";
import { PRIORITY } from "../../src/outbox/message.ts";
import { BudgetBook, slackBudgets } from "../../src/slack/delivery/budget.ts";
import { freshDb } from "../support/db.ts";

describe("Slack's budget", () => {
  let db: DbClient;
  let sql: Sql;
  const now = new Date("2026-11-11T02:00:00Z");
  beforeEach(async () => {
    ({ db, sql } = await freshDb());
  });
  afterEach(async () => {
    await db.$disconnect();
  });

  for (const method of ["chat.postMessage", "chat.update"]) {
    it(`keeps some of ${method} back from bulk work: news takes them, bulk waits until more come`, async () => {
      const budgets = slackBudgets({ postsPerMinute: 600, editsPerMinute: 50 });
      const { burst, perMinute } = budgets.limits[method]!;
      const kept = budgets.reserve[method]!;
      expect(kept).toBeGreaterThanOrEqual(1);
      const book = await sql.tx((q) => BudgetBook.open(q, budgets, now));
      let bulk = 0;
      while (book.take([method], PRIORITY.bulk) === undefined) bulk++;
      expect(bulk).toBe(burst - kept);
      // Bulk is told to come back when a token more than the kept ones is there.
      const back = book.take([method], PRIORITY.bulk)!;
      expect(back - now.getTime()).toBe(Math.ceil(60_000 / perMinute));
      for (let i = 0; i < kept; i++) expect(book.take([method], PRIORITY.news)).toBeUndefined();
      expect(book.take([method], PRIORITY.interactive)).toBeGreaterThan(now.getTime());
    });
  }
});

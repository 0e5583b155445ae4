// Whether a roll-up already has a page waiting in its thread is asked at every fold of a wave.
// Looked up by the roll-up alone it read every item folded into it (19,000 in a 10,000-case
// backlog: 5 ms a look, growing with the wave); by its thread and roll-up it reads the thread's
// few pages. SQLite's plan, on the bot's own schema (tests/unit: SQLite only).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbClient } from "../../src/infra/db/db.ts";
import type { Sql } from "../../src/infra/db/sql.ts";
import { PAGE_WAITING } from "../../src/slack/delivery/fold.ts";
import { freshDb } from "../support/db.ts";

describe("a roll-up's waiting page", () => {
  let db: DbClient;
  let sql: Sql;
  beforeAll(async () => ({ db, sql } = await freshDb()));
  afterAll(() => db.$disconnect());

  it("is looked up by the roll-up's thread and the roll-up together, not by every item it holds", async () => {
    const plan = await sql.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${PAGE_WAITING}`, ["parent", "rollup"]);
    expect(plan.map((p) => p.detail).join("\n")).toMatch(/USING INDEX \S+ \(threadOfId=\? AND rollupId=\?\)/);
  });
});

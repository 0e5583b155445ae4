// Two statements run at every fold of a wave. Each once searched by a column that led to rows
// growing with the wave, so a backlog's cost grew with its square: whether a roll-up has a page
// waiting in its thread (by the roll-up alone it read every item folded into it: 19,000 in a
// 10,000-case backlog, 5 ms a look), and the replies folded with their messages (by the lane it
// read every pending message of a tier channel: 30,000 card edits, 1 ms a fold). SQLite's plans,
// on the bot's own schema (tests/unit: SQLite only).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbClient } from "../../src/infra/db/db.ts";
import type { Sql } from "../../src/infra/db/sql.ts";
import { PAGE_WAITING } from "../../src/slack/delivery/fold.ts";
import { repliesFolded } from "../../src/slack/delivery/gather.ts";
import { freshDb } from "../support/db.ts";

describe("folding a wave", () => {
  let db: DbClient;
  let sql: Sql;
  beforeAll(async () => ({ db, sql } = await freshDb()));
  afterAll(() => db.$disconnect());

  it("looks a roll-up's waiting page up by its thread and roll-up together, not by every item it holds", async () => {
    const plan = await sql.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${PAGE_WAITING}`, ["parent", "rollup"]);
    expect(plan.map((p) => p.detail).join("\n")).toMatch(/USING INDEX \S+ \(threadOfId=\? AND rollupId=\?\)/);
  });

  it("finds the replies to fold by their thread, not by reading the lane's queue", async () => {
    const text = repliesFolded("sqlite", 3);
    const plan = await sql.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${text}`, ["r", "C0TIER1", "a", "b", "c"]);
    expect(plan.map((p) => p.detail).join("\n")).toMatch(
      /USING INDEX OutboxMessage_threadOfId_rollupId_idx \(threadOfId=\?\)/,
    );
  });
});

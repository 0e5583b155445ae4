// /complaint list's page on a busy evening: read in order from the open cases' own index, VIP
// first, then urgent, then the soonest deadline (none last), then the number, with the counts of
// all open cases; closed ones never listed. Checked page by page against the same order worked
// out in JavaScript, and on SQLite the plan reads the partial index without sorting.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/deps.ts";
import { DEFAULT_POLICY } from "../../src/features/complaints/rules.ts";
import { byPriority, openCases, openPageSql, PAGE_SIZE } from "../../src/features/complaints/queries.ts";
import type { DbClient } from "../../src/infra/db/db.ts";
import { valueRows, type Param, type Sql } from "../../src/infra/db/sql.ts";
import { dbKind, freshDb } from "../support/db.ts";

const STATUSES = ["open", "acknowledged", "waiting_customer", "resolved", "closed"];

describe("/complaint list's page of open cases", () => {
  let db: DbClient;
  let sql: Sql;
  beforeAll(async () => {
    ({ db, sql } = await freshDb());
    const policy = JSON.stringify({ ...DEFAULT_POLICY, tiers: [] });
    const base = Date.parse("2026-11-11T02:00:00Z");
    const rows: Param[][] = [];
    for (let i = 1; i <= 57; i++) {
      // Deadlines out of number order, some cases without one; a fifth closed or resolved.
      const deadline = i % 7 === 0 ? null : new Date(base + ((i * 37) % 50) * 60_000);
      rows.push([`case${i}`, i, STATUSES[i % 5]!, 1, 1, i % 3 === 0 ? "general" : "urgent", "quality"]);
      rows[rows.length - 1]!.push(`ORD-${i}`, "王小姐", i % 4 === 0, "杯子破损", "U0OWNER", policy, "response");
      rows[rows.length - 1]!.push(deadline, new Date(base));
    }
    await sql.run(
      `INSERT INTO "ComplaintCase" ("id", "number", "status", "tier", "startTier", "urgency", "cause", "orderNo", "customerName", "vip", "summary", "ownerId", "policy", "clockKind", "deadlineAt", "createdAt")
       VALUES ${valueRows(rows.length, 16)}`,
      rows.flat(),
    );
  });
  afterAll(() => db.$disconnect());

  it("pages through the open cases, the most urgent first, with their counts", async () => {
    const deps = { db, sql } as unknown as Deps;
    const all = (await db.complaintCase.findMany()).filter((c) => STATUSES.slice(0, 3).includes(c.status));
    const expected = [...all].sort(byPriority).map((c) => c.number);
    const seen: number[] = [];
    for (let offset = 0; offset < all.length; offset += PAGE_SIZE) {
      const page = await openCases(deps, offset);
      expect(page.total).toBe(all.length);
      expect(page.vip).toBe(all.filter((c) => c.vip).length);
      expect(page.urgent).toBe(all.filter((c) => c.urgency === "urgent").length);
      seen.push(...page.cases.map((c) => c.number));
    }
    expect(seen).toEqual(expected);
    expect((await openCases(deps, all.length)).cases).toEqual([]);
  });

  it("reads the page from the open cases' index, without sorting them (SQLite's plan)", async () => {
    if (dbKind() !== "sqlite") return;
    const plan = await sql.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${openPageSql("sqlite")}`, [20, 0]);
    expect(plan.map((p) => p.detail)).toEqual(["SCAN ComplaintCase USING INDEX ComplaintCase_open_order_idx"]);
  });
});

// The review briefing can't fall back to loading a day's reviews: over a day of 20,000 reviews
// (20 SKUs), no statement it runs brings more rows into JavaScript than there are groups (a
// slice's reviews would be about 70), every statement finds its reviews through the reviewedAt
// index (SQLite's plan: SEARCH, never SCAN), and on SQLite the statements run on the long reads'
// own connection, off the event loop.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/deps.ts";
import type { DbClient } from "../../src/infra/db/db.ts";
import { valueRows, type Param, type ReadSql, type Sql } from "../../src/infra/db/sql.ts";
import { briefingFor } from "../../src/features/reviews/briefing.ts";
import { dbKind, freshDb } from "../support/db.ts";

const DAY = "2026-11-11";
const N = 20_000;
const SKUS = 20;

describe("the review briefing's statements", () => {
  let db: DbClient;
  let sql: Sql;
  beforeAll(async () => {
    ({ db, sql } = await freshDb());
    const start = Date.parse(`${DAY}T00:00:00+08:00`);
    const rows: Param[][] = [];
    for (let i = 0; i < N; i++) {
      const negative = i % 3 === 0;
      rows.push([`r${i}`, "tmall", `R${i}`, `SKU-${i % SKUS}`, negative ? 1 : 5, negative ? "破损了" : "很好"]);
      rows[i]!.push(new Date(start + Math.floor((i / N) * 86_400_000)), negative);
      rows[i]!.push(
        JSON.stringify(negative ? ["quality"] : []),
        JSON.stringify(negative ? ["破损"] : []),
        new Date(start),
      );
    }
    for (let i = 0; i < N; i += 500) {
      const slice = rows.slice(i, i + 500);
      await sql.run(
        `INSERT INTO "Review" ("id", "platform", "reviewId", "sku", "rating", "text", "reviewedAt", "negative", "causes", "hits", "createdAt")
         VALUES ${valueRows(slice.length, 11)}`,
        slice.flat(),
      );
    }
  }, 60_000);
  afterAll(() => db.$disconnect());

  it("bring counts into JavaScript, not reviews, through the reviewedAt index", async () => {
    const statements = new Set<string>();
    let most = 0;
    const inner: ReadSql = sql.reader ?? sql;
    if (dbKind() === "sqlite") expect(sql.reader, "a reader of its own on a SQLite file").toBeDefined();
    const counting: ReadSql = {
      dialect: inner.dialect,
      offLoop: inner.offLoop,
      async all<T>(text: string, params?: readonly Param[]) {
        statements.add(text);
        const r = await inner.all<T>(text, params);
        most = Math.max(most, r.length);
        return r;
      },
      async get<T>(text: string, params?: readonly Param[]) {
        statements.add(text);
        return inner.get<T>(text, params);
      },
    };
    const deps = { db, sql: { ...sql, reader: counting } } as unknown as Deps;
    const body = await briefingFor(deps, DAY, "Asia/Shanghai", "en");
    expect(body.text).toContain(`${N}`);
    expect(body.text).toContain(`${Math.ceil(N / 3)}`);
    expect(statements.size).toBeGreaterThan(3);
    expect(most).toBeLessThanOrEqual(SKUS);
    if (dbKind() !== "sqlite") return;
    for (const text of statements) {
      const marks = (text.match(/\?/g) ?? []).length;
      const plan = await sql.all<{ detail: string }>(
        `EXPLAIN QUERY PLAN ${text}`,
        Array.from({ length: marks }, () => DAY),
      );
      const review = plan.map((p) => p.detail).filter((d) => /\bReview\b|\br\b/.test(d));
      expect(review.length, text).toBeGreaterThan(0);
      for (const d of review) expect(d, text).toMatch(/^SEARCH .*USING (COVERING )?INDEX Review_reviewedAt_idx/);
    }
  });
});

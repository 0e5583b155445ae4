// On SQLite the write-ahead log is copied back into the database file by the long reads' worker
// thread, not inside a COMMIT on the event loop: after 6 MB of writes (1,500 pages, past SQLite's
// usual 1,000-page checkpoint, well short of the 10,000 pages at which the main connection would
// do it itself) the file holds them without any COMMIT having checkpointed. SQLite only: it lives
// in tests/unit, which the PostgreSQL project doesn't run.
import { statSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbClient } from "../../src/infra/db/db.ts";
import { valueRows, type Sql } from "../../src/infra/db/sql.ts";
import { freshDb } from "../support/db.ts";
import { until } from "../support/harness.ts";

describe("SQLite's checkpoints", () => {
  let db: DbClient;
  let sql: Sql;
  let path: string;
  beforeAll(async () => {
    let url: string;
    ({ db, sql, url } = await freshDb());
    path = url.replace(/^file:/, "");
  });
  afterAll(() => db.$disconnect());

  it("are the worker's: the file takes 6 MB of writes while the main connection never checkpoints", async () => {
    const before = statSync(path).size;
    const text = "杯子破损了，".repeat(200);
    for (let i = 0; i < 40; i++) {
      const rows = Array.from({ length: 100 }, (_, k) => [`r${i}-${k}`, "tmall", `R${i}-${k}`, "SKU-1", 1, text]);
      rows.forEach((r) => r.push(new Date(0).toISOString(), 1, "[]", "[]", new Date(0).toISOString()));
      await sql.run(
        `INSERT INTO "Review" ("id", "platform", "reviewId", "sku", "rating", "text", "reviewedAt", "negative", "causes", "hits", "createdAt") VALUES ${valueRows(100, 11)}`,
        rows.flat(),
      );
    }
    expect((await sql.get<{ wal_autocheckpoint: number }>("PRAGMA wal_autocheckpoint"))?.wal_autocheckpoint).toBe(
      10_000,
    );
    await until(() => statSync(path).size - before > 5_000_000);
  });
});

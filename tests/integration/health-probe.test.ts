// /healthz's database check answers while a transaction holds SQLite's one connection: a probe
// that waited for a transaction's whole length (an import's 2,000 rows, a batch of escalations)
// is what made the probe's p99 pass 100 ms during a busy day.
import { afterEach, describe, expect, it } from "vitest";
import { pingDb } from "../../src/infra/db/db.ts";
import type { DbClient } from "../../src/infra/db/db.ts";
import { freshDb } from "../support/db.ts";

describe("the health probe's database check", () => {
  let db: DbClient | undefined;
  afterEach(async () => db?.$disconnect());

  it("answers while another operation's transaction is open, and the transaction still commits alone", async () => {
    const fresh = await freshDb();
    db = fresh.db;
    const { sql } = fresh;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const inside = new Promise<void>((r) => (started = r));
    const tx = sql.tx(async (q) => {
      await q.run(`INSERT INTO "Counter" ("name", "value") VALUES ('probe-test', 1)`);
      started();
      await held;
    });
    await inside;
    // The transaction holds the connection and waits: the probe does not wait for it.
    // (The 10 s only turns a probe stuck behind the transaction into a clear failure.)
    const stuck = new Promise<string>((r) => setTimeout(() => r("waited for the transaction"), 10_000).unref());
    const answered = await Promise.race([pingDb(sql), stuck]);
    expect(answered).toBe(true);
    release();
    await tx;
    expect(await sql.get(`SELECT "value" FROM "Counter" WHERE "name" = 'probe-test'`)).toEqual({ value: 1 });
  });
});

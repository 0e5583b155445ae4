// While the bot's SQLite connection lends its turn to an export's thread (which writes on a
// connection of its own), what a request reads before its ack (the duplicate check, the person's
// language) runs at once instead of waiting for the thread's turn; writes still wait for it.
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { sqlitePath } from "../../src/infra/db/db.ts";
import { dbKind, freshDb } from "../support/db.ts";

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

describe.skipIf(dbKind() !== "sqlite")("reads during a lent turn", () => {
  it("answers reads while the other connection holds the write lock, and holds writes back", async () => {
    const { db, sql } = await freshDb();
    close = () => db.$disconnect();
    const at = new Date("2026-11-11T00:00:00Z");
    await db.userProfile.create({ data: { userId: "U1", locale: "zh-CN", fetchedAt: at } });
    const other = new Database(sqlitePath(sql.shared!.path));
    let release!: () => void;
    const lent = sql.shared!.lend(
      () =>
        new Promise<void>((r) => {
          // As the export thread does: a write transaction open on its own connection.
          other.prepare("BEGIN IMMEDIATE").run();
          other.prepare(`INSERT INTO "SeenRequest" ("key", "at") VALUES ('x', ?)`).run(at.toISOString());
          release = () => (other.prepare("COMMIT").run(), r());
        }),
    );
    await new Promise((r) => setImmediate(r));
    let wrote = false;
    const write = sql.run(`INSERT INTO "SeenRequest" ("key", "at") VALUES ('y', ?)`, [at]).then(() => (wrote = true));

    expect(await sql.urgent!.get(`SELECT 1 AS "x" FROM "SeenRequest" WHERE "key" = 'x'`)).toBeUndefined();
    expect(await sql.get<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "UserProfile"`)).toEqual({ n: 1 });
    expect((await db.userProfile.findUnique({ where: { userId: "U1" } }))?.locale).toBe("zh-CN");
    expect(wrote).toBe(false);

    release();
    await Promise.all([lent, write]);
    expect(wrote).toBe(true);
    expect(await sql.all(`SELECT "key" FROM "SeenRequest" WHERE "key" IN ('x', 'y') ORDER BY "key"`)).toEqual([
      { key: "x" },
      { key: "y" },
    ]);
    other.close();
  });
});

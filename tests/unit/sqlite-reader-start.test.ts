// The long reads' worker thread costs the bot 10-17 MB of memory. A quiet bot, whose write-ahead log
// stays small, never starts it; once the log grows to SQLite's usual checkpoint size it starts and
// copies the log back into the file; and a long read starts it at once. SQLite only (tests/unit).
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { sqliteReader, type Reader } from "../../src/infra/db/sqlite-reader.ts";
import { until } from "../support/harness.ts";

const FROM = 1_000_000;
let open: { db: Database.Database; reader: Reader }[] = [];

/** A database in WAL mode as the bot opens it, the main connection never checkpointing. */
function database() {
  const path = join(mkdtempSync(join(tmpdir(), "reader-")), "t.db");
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("wal_autocheckpoint = 0");
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
  const reader = sqliteReader(path, { checkpoints: true, checkpointFromBytes: FROM, watchMs: 5 });
  open.push({ db, reader });
  const write = (kb: number) => {
    const insert = db.prepare("INSERT INTO t (v) VALUES (?)");
    db.transaction(() => {
      for (let i = 0; i < kb; i++) insert.run("x".repeat(1000));
    })();
  };
  return { path, db, reader, write };
}

afterEach(async () => {
  for (const o of open) {
    await o.reader.close();
    o.db.close();
  }
  open = [];
});

describe("the long reads' worker", () => {
  it("doesn't start while the log stays small, and starts and checkpoints once it grows", async () => {
    const { path, reader, write } = database();
    write(100);
    expect(statSync(`${path}-wal`).size).toBeLessThan(FROM);
    const seen = reader.looked();
    await until(() => reader.looked() >= seen + 5);
    expect(reader.started()).toBe(false);

    const fileBefore = statSync(path).size;
    write(1500);
    await until(() => reader.started());
    // The worker's checkpoint copies the log's pages into the file.
    await until(() => statSync(path).size - fileBefore > 1_000_000);
  });

  it("starts on the first long read, however small the log", async () => {
    const { reader, write } = database();
    write(10);
    expect(reader.started()).toBe(false);
    expect(await reader.all<{ n: number }>("SELECT COUNT(*) AS n FROM t")).toEqual([{ n: 10 }]);
    expect(reader.started()).toBe(true);
  });
});

// The connection an export's thread stores orders on (sqlite-writer.ts) copies the log back into
// the file between its turns, so that the log starts over instead of growing until a COMMIT of the
// bot's own checkpoints it on the event loop (at 10,000 pages). SQLite only (tests/unit).
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openSqliteWriter } from "../../src/infra/db/sqlite-writer.ts";
import { valueRows } from "../../src/infra/db/sql.ts";

/** 40 turns of 100 rows of 2 KB (about 50 pages a turn), with a checkpoint after every `every`th. */
async function turns(every: number | undefined) {
  const path = join(mkdtempSync(join(tmpdir(), "writer-")), "t.db");
  // Another connection open on the file, as the bot's is; it reads between turns.
  const bot = new Database(path);
  bot.pragma("journal_mode = WAL");
  bot.exec("CREATE TABLE t (id TEXT PRIMARY KEY, v TEXT)");
  const w = openSqliteWriter(path);
  const text = "订单".repeat(340);
  for (let i = 0; i < 40; i++) {
    const rows = Array.from({ length: 100 }, (_, k) => [`${i}-${k}`, text]);
    await w.sql.tx((q) => q.run(`INSERT INTO t (id, v) VALUES ${valueRows(100, 2)}`, rows.flat()));
    if (every && (i + 1) % every === 0) w.checkpoint();
    expect((bot.prepare("SELECT count(*) AS n FROM t").get() as { n: number }).n).toBe((i + 1) * 100);
  }
  const wal = statSync(`${path}-wal`).size;
  w.close();
  bot.close();
  return wal;
}

describe("the export thread's connection", () => {
  it("keeps the log to about the turns between two checkpoints, where without them it holds all 40", async () => {
    const all = await turns(undefined);
    const checkpointed = await turns(8);
    // 40 turns are about 8 MB of log; 8 turns, or a little over, about 2 MB.
    expect(all).toBeGreaterThan(6_000_000);
    expect(checkpointed).toBeLessThan(all / 3);
  });
});

// Threads doing background work (an export's reading and parsing, SQLite's long reads and
// checkpoints) run at a lower priority than
// the event loop, and only they do: the bot's own threads keep theirs.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { getPriority, tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { openSheet } from "../../src/intake/exports/sheet.ts";
import { sqliteReader } from "../../src/infra/db/sqlite-reader.ts";
import { startThread } from "../../src/infra/thread.ts";

const linux = process.platform === "linux";
/** Each of this process's threads' nice value, from /proc (field 19 of a task's stat). */
const niceOfThreads = () =>
  readdirSync("/proc/self/task").map((t) => {
    const stat = readFileSync(`/proc/self/task/${t}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
  });
const lowered = (base: number) => niceOfThreads().filter((n) => n === Math.min(19, base + 10)).length;

describe.skipIf(!linux)("background threads", () => {
  it("a TypeScript thread that asks runs 10 lower than the bot (at most 19); the bot's priority stays", async () => {
    const base = getPriority(process.pid);
    // No bundle of this name: the module is compiled as it loads, as in `npm run dev`.
    const w = startThread(import.meta.url, "../support/thread-probe", "no-such-bundle");
    const [said] = (await once(w, "message")) as [{ before: number; thread: number; process: number }];
    await w.terminate();
    expect(said.before).toBe(base);
    expect(said.thread).toBe(Math.min(19, base + 10));
    expect(said.process).toBe(base);
    expect(getPriority(process.pid)).toBe(base);
  });

  it("the export file's reader thread runs lowered while it is open, and only it", async () => {
    const base = getPriority(process.pid);
    const before = lowered(base);
    const sheet = await openSheet({ bytes: new TextEncoder().encode("a,b\n1,2\n") }, "t.csv");
    expect(lowered(base)).toBe(before + 1);
    await sheet.close();
    expect(getPriority(process.pid)).toBe(base);
  });

  // Its checkpoints, at the bot's priority, took a core from the export thread while that thread
  // held the connection's turn an ack was waiting for.
  it("SQLite's reader thread (long reads, checkpoints) runs lowered", async () => {
    const base = getPriority(process.pid);
    const before = lowered(base);
    const path = join(mkdtempSync(join(tmpdir(), "reader-nice-")), "t.db");
    const db = new Database(path);
    db.pragma("journal_mode = WAL");
    db.exec("CREATE TABLE t (x)");
    const reader = sqliteReader(path, { checkpoints: true });
    expect(await reader.get<{ n: number }>("SELECT 1 AS n")).toEqual({ n: 1 });
    expect(lowered(base)).toBe(before + 1);
    await reader.close();
    db.close();
    expect(getPriority(process.pid)).toBe(base);
  });
});

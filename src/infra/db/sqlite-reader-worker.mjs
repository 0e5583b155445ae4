// The long reads' own SQLite connection, on a thread of its own (sqlite-reader.ts): better-sqlite3
// runs a statement synchronously, so a report's aggregate over a million rows here never holds
// the bot's event loop, and WAL lets it read while the main connection writes. Plain JavaScript:
// a worker thread loads it as it is, from the source tree and from the build alike.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { runInBackground } from "../background-thread.mjs";

// Checkpoints and reports are background work: a checkpoint at the bot's priority took a core
// from the export thread while it held the connection's turn that an ack was waiting for.
runInBackground();

const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
db.pragma("busy_timeout = 5000");

// Checkpoints (copying the write-ahead log back into the database file) happen here too, twice a
// second: on the main connection SQLite runs one inside whichever COMMIT finds the log past 1,000
// pages, and that COMMIT then holds the event loop for up to 200 ms. PASSIVE never waits for the
// main connection's readers or writers; it copies what it can and the log is reused from its start.
if (workerData.checkpoints) {
  const writer = new Database(workerData.path, { fileMustExist: true });
  const timer = setInterval(() => {
    try {
      writer.pragma("wal_checkpoint(PASSIVE)");
    } catch {
      // Busy or locked: the next turn copies what this one could not.
    }
  }, 500);
  timer.unref();
}
/** @type {Map<string, import("better-sqlite3").Statement>} */
const cache = new Map();

parentPort.on("message", (/** @type {{id: number, text: string, params: unknown[], one: boolean}} */ m) => {
  try {
    let s = cache.get(m.text);
    if (!s) {
      s = db.prepare(m.text);
      cache.set(m.text, s);
    }
    parentPort.postMessage({ id: m.id, rows: m.one ? [s.get(...m.params)] : s.all(...m.params) });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) });
  }
});

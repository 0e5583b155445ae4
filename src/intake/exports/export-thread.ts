// The thread that reads a platform's export (run-export.ts starts one per preview or import):
// read-export.ts's whole pass runs here, and only its records (or, for orders, only what storing
// them touched) reach the bot. Orders are stored here on a connection of its own, in turns the
// bot's connection lends, so a million of them cost the event loop a message per 1,000.
import { parentPort, workerData } from "node:worker_threads";
import { metricsReading } from "../../features/metrics/export-reading.ts";
import { reviewsReading } from "../../features/reviews/export-reading.ts";
import { openSqliteWriter, type SqliteWriter } from "../../infra/db/sqlite-writer.ts";
import { runInBackground } from "../../infra/thread.ts";
import { readExport, type ExportReading, type ReadSink } from "./read-export.ts";
import { handedBytes } from "./sheet.ts";
import type { FromThread, ThreadData, ToThread } from "./thread-messages.ts";

/** The features whose exports the thread reads. */
const READINGS: Record<ThreadData["kind"], ExportReading<unknown>> = {
  metrics: metricsReading as ExportReading<unknown>,
  reviews: reviewsReading as ExportReading<unknown>,
};
/** Records stored per lent turn: one transaction, a few ms. */
const PER_TURN = 1000;
/** Turns between checkpoints (sqlite-writer.ts): each syncs the file, so not after every turn. */
const TURNS_PER_CHECKPOINT = 8;

runInBackground();
const port = parentPort!;
const { kind, req, dbPath } = workerData as ThreadData;
let waiting: ((m: ToThread) => void) | undefined;
port.on("message", (m: ToThread) => {
  const w = waiting;
  waiting = undefined;
  w?.(m);
});
const say = (m: FromThread) => port.postMessage(m);
const ask = (m: FromThread) => new Promise<ToThread>((resolve) => ((waiting = resolve), say(m)));

/** Records to the bot, or stored here when the feature stores them with SQL alone. */
function sinkOf(reading: ExportReading<unknown>) {
  let store: ((sql: SqliteWriter["sql"], items: unknown[]) => Promise<unknown>) | undefined;
  let db: SqliteWriter | undefined;
  let pending: unknown[] = [];
  let turns = 0;
  const flush = async () => {
    if (!store || !db || !pending.length) return;
    const items = pending;
    pending = [];
    await ask({ type: "turn" });
    let report: unknown;
    try {
      report = await store(db.sql, items);
    } finally {
      say({ type: "stored", report });
    }
    if (++turns % TURNS_PER_CHECKPOINT === 0) db.checkpoint();
  };
  const sink: ReadSink<unknown> = {
    async open(preset, o) {
      store = dbPath ? reading.storer?.(preset) : undefined;
      if (store) db = openSqliteWriter(dbPath!);
      await ask({ type: "open", preset, o });
    },
    async add(items) {
      if (!store) return void (await ask({ type: "items", items }));
      for (const item of items) pending.push(item);
      if (pending.length >= PER_TURN) await flush();
    },
  };
  return { sink, flush, close: () => db?.close() };
}

const reading = READINGS[kind];
const out = sinkOf(reading);
try {
  const source = "path" in req.source || "growing" in req.source ? req.source : { bytes: handedBytes(req.source) };
  const outcome = await readExport(reading, { ...req, source }, out.sink);
  // A file with a bad row stores nothing more (read-export.ts): what is pending is dropped.
  if (outcome.kind === "read" && outcome.stored) await out.flush();
  say({ type: "outcome", outcome });
} catch (e) {
  say({ type: "fail", message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
} finally {
  out.close();
}

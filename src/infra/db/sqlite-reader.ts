// Long reads (a day's briefing over a million reviews, reports) on SQLite run on a connection of
// their own in a worker thread (sqlite-reader-worker.mjs): the main connection is the event loop's,
// and every statement on it holds both, so an ack would wait behind a report. The worker starts
// on the first read (or, to checkpoint, once the log has grown), reads only, and is closed with
// the database. In-memory databases (one connection's own) read on the main connection.
import { stat } from "node:fs/promises";
import { Worker } from "node:worker_threads";
import { sqliteParam } from "./sqlite-sql.ts";
import type { Param, ReadSql, Row } from "./sql.ts";

interface Waiting {
  resolve(rows: unknown[]): void;
  reject(e: Error): void;
}

/**
 * The log's size at which the worker starts to checkpoint it, if no read has started it before:
 * SQLite's own threshold (1,000 pages of 4 KB). The thread costs the bot 10-17 MB of memory, which a
 * quiet bot, whose log stays below this, never pays.
 */
const CHECKPOINT_FROM_BYTES = 4_096_000;
/** How often the log's size is looked at until then (a stat, off the loop). */
const WATCH_MS = 500;

/**
 * `checkpoints`: the worker also checkpoints the write-ahead log, and starts once the log has
 * grown to CHECKPOINT_FROM_BYTES (or on the first read); the main connection leaves that to it
 * (db.ts).
 */
export interface ReaderOptions {
  checkpoints?: boolean;
  /** Tests: a smaller log, looked at more often. */
  checkpointFromBytes?: number;
  watchMs?: number;
}

export interface Reader extends ReadSql {
  close(): Promise<void>;
  /** Whether the worker runs (tests), and how many times the log's size was looked at. */
  started(): boolean;
  looked(): number;
}

export function sqliteReader(path: string, o: ReaderOptions = {}): Reader {
  let worker: Worker | undefined;
  const waiting = new Map<number, Waiting>();
  let seq = 0;
  const fail = (e: Error) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
    worker = undefined;
  };
  const start = () => {
    // The worker is plain JavaScript: as it is in the source tree, as the build writes it in dist/.
    const file = import.meta.url.endsWith(".ts") ? "./sqlite-reader-worker.mjs" : "./sqlite-reader-worker.js";
    const w = new Worker(new URL(file, import.meta.url), { workerData: { path, checkpoints: o.checkpoints } });
    w.unref();
    w.on("message", (m: { id: number; rows?: unknown[]; error?: string }) => {
      const p = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.error !== undefined) p?.reject(new Error(m.error));
      else p?.resolve(m.rows ?? []);
    });
    w.on("error", (e) => fail(e));
    w.on("exit", (code) => fail(new Error(`the SQLite reader stopped (${code})`)));
    return w;
  };
  const ask = (text: string, params: readonly Param[], one: boolean) =>
    new Promise<unknown[]>((resolve, reject) => {
      worker ??= start();
      const id = ++seq;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, text, params: params.map(sqliteParam), one });
    });
  let watch: NodeJS.Timeout | undefined;
  let looked = 0;
  if (o.checkpoints) {
    const from = o.checkpointFromBytes ?? CHECKPOINT_FROM_BYTES;
    watch = setInterval(() => {
      if (worker) return clearInterval(watch);
      stat(`${path}-wal`).then(
        (s) => {
          looked++;
          if (s.size >= from && watch) worker ??= start();
        },
        () => looked++, // no log yet
      );
    }, o.watchMs ?? WATCH_MS);
    watch.unref();
  }
  return {
    dialect: "sqlite",
    offLoop: true,
    all: async <T = Row>(text: string, params: readonly Param[] = []) => (await ask(text, params, false)) as T[],
    get: async <T = Row>(text: string, params: readonly Param[] = []) =>
      (await ask(text, params, true))[0] as T | undefined,
    started: () => worker !== undefined,
    looked: () => looked,
    async close() {
      clearInterval(watch);
      watch = undefined;
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
    },
  };
}

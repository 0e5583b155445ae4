// Long reads (a day's briefing over a million reviews, reports) on SQLite run on a connection of
// their own in a worker thread (sqlite-reader-worker.mjs): the main connection is the event loop's,
// and every statement on it holds both, so an ack would wait behind a report. The worker starts
// on the first read, reads only, and is closed with the database. In-memory databases (one
// connection's own) read on the main connection.
import { Worker } from "node:worker_threads";
import { sqliteParam } from "./sqlite-sql.ts";
import type { Param, ReadSql, Row } from "./sql.ts";

interface Waiting {
  resolve(rows: unknown[]): void;
  reject(e: Error): void;
}

/**
 * `checkpoints`: the worker also checkpoints the write-ahead log (and starts now, not on the
 * first read); the main connection then leaves that to it (db.ts).
 */
export function sqliteReader(path: string, o: { checkpoints?: boolean } = {}): ReadSql & { close(): Promise<void> } {
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
  if (o.checkpoints) worker = start();
  return {
    dialect: "sqlite",
    offLoop: true,
    all: async <T = Row>(text: string, params: readonly Param[] = []) => (await ask(text, params, false)) as T[],
    get: async <T = Row>(text: string, params: readonly Param[] = []) =>
      (await ask(text, params, true))[0] as T | undefined,
    async close() {
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
    },
  };
}

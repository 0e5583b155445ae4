// "Has this happened before?" for keys that must be acted on once: Slack event ids, trigger ids,
// the view id of a modal that creates something. Kept in the database so a restart or a second
// replica agrees, with a small in-process memory in front for the common case of a quick retry.
import type { Clock } from "../clock.ts";
import type { Db } from "./db.ts";
import type { Sql } from "./sql.ts";

const memory = new WeakMap<object, Map<string, number>>();
const MEMORY_SIZE = 10_000;

function remember(db: object, key: string, at: number): boolean {
  let m = memory.get(db);
  if (!m) memory.set(db, (m = new Map()));
  if (m.has(key)) return false;
  m.set(key, at);
  if (m.size > MEMORY_SIZE) m.delete(m.keys().next().value!);
  return true;
}

interface Buffer {
  keys: Map<string, Date>;
  flushing: boolean;
  /** The write in progress, so that stopping can wait for it before closing the pool. */
  writing?: Promise<void>;
}
const buffers = new WeakMap<object, Buffer>();

/**
 * True the first time `key` is seen (and records it); false on every later call. On the path of
 * every Slack request, so it answers from memory and one indexed read, and the record is written
 * a moment later with the others of that moment in one transaction (a commit per request showed
 * up as p99 spikes when WAL checkpoints ran). Creations guard themselves strictly in their own
 * transaction (createOnce), so this is the first line, not the only one.
 */
export async function firstTime(deps: { db: Db; sql: Sql; clock: Clock }, key: string): Promise<boolean> {
  const now = deps.clock.now();
  if (!remember(deps.db, key, now.getTime())) return false;
  // Before the ack: this read goes ahead of queued background work (a report, a backlog).
  const read = deps.sql.urgent ?? deps.sql;
  if (await read.get(`SELECT 1 AS "x" FROM "SeenRequest" WHERE "key" = ?`, [key])) return false;
  let b = buffers.get(deps.sql);
  if (!b) buffers.set(deps.sql, (b = { keys: new Map(), flushing: false }));
  b.keys.set(key, now);
  if (!b.flushing) {
    b.flushing = true;
    const buf = b;
    setTimeout(() => void (buf.writing = flush(deps.sql, buf)), 20).unref?.();
  }
  return true;
}

/**
 * Writes what is buffered now and waits for any write in progress: called when stopping, so that
 * the keys of the last requests are kept and no transaction is open when the pool closes (closing
 * a PostgreSQL pool waits for every connection it lent out).
 */
export async function flushSeen(sql: Sql): Promise<void> {
  const b = buffers.get(sql);
  if (!b) return;
  await b.writing;
  if (b.keys.size) await flush(sql, b);
}

async function flush(sql: Sql, b: Buffer): Promise<void> {
  const rows = [...b.keys].sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0));
  b.keys.clear();
  b.flushing = false;
  if (!rows.length) return;
  try {
    await sql.tx(async (q) => {
      for (let i = 0; i < rows.length; i += 400) {
        const slice = rows.slice(i, i + 400);
        await q.run(
          `INSERT INTO "SeenRequest" ("key", "at") VALUES ${slice.map(() => "(?, ?)").join(", ")} ON CONFLICT DO NOTHING`,
          slice.flat(),
        );
      }
    });
  } catch {
    // The database is busy or down: the in-process memory still holds these keys.
  }
}

/** A creation that was already made for this request (the same modal submitted again). */
export class AlreadyDone extends Error {
  constructor(readonly key: string) {
    super(`already done: ${key}`);
  }
}

/** In a creating transaction: throws AlreadyDone (rolling it back) when `key` was used before. */
export async function createOnce(db: Db, key: string | undefined, at: Date): Promise<void> {
  if (key && !(await claimKey(db, `create:${key}`, at))) throw new AlreadyDone(key);
}

/** Records `key` in the caller's transaction; false if it was recorded before. */
export async function claimKey(db: Db, key: string, at: Date): Promise<boolean> {
  // ON CONFLICT DO NOTHING rather than catching a unique violation: on PostgreSQL a failed
  // statement would abort the caller's whole transaction.
  const n = await db.$executeRaw`INSERT INTO "SeenRequest" ("key", "at") VALUES (${key}, ${at}) ON CONFLICT DO NOTHING`;
  return n === 1;
}

/**
 * Forgets request keys after a day (Slack retries within an hour; signatures expire in five
 * minutes) and creation keys after thirty days (a modal can't be submitted that late).
 */
export async function forgetSeen(db: Db, now: Date): Promise<number> {
  const day = new Date(now.getTime() - 86_400_000);
  const month = new Date(now.getTime() - 30 * 86_400_000);
  const a = await db.seenRequest.deleteMany({ where: { at: { lt: day }, key: { not: { startsWith: "create:" } } } });
  const b = await db.seenRequest.deleteMany({ where: { at: { lt: month } } });
  return a.count + b.count;
}

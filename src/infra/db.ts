import { AsyncLocalStorage } from "node:async_hooks";
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client.ts";

export type DbClient = PrismaClient;
/** What services take: the client itself or the client inside a transaction. */
export type Db = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export function sqlitePath(url: string): string {
  return url.replace(/^file:/, "");
}

/**
 * The database holds people's names, complaints and orders: its folder is created 0700 and the
 * file 0600 (SQLite gives its -wal and -shm files the same mode as the database file).
 */
export function prepareSqliteFile(path: string): void {
  if (path === ":memory:" || path === "") return;
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(path)) closeSync(openSync(path, "a", 0o600));
  for (const p of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(p)) chmodSync(p, 0o600);
}

export async function openDb(url: string): Promise<DbClient> {
  const path = sqlitePath(url);
  prepareSqliteFile(path);
  // busy_timeout lets the scheduler, the outbox and request handlers share one file without
  // SQLITE_BUSY errors when their writes overlap.
  const base = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 5000 }) });
  const db = serialized(base);
  // WAL lets readers (healthz, home tab) proceed while the outbox writes.
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  // In WAL mode NORMAL survives an application crash; only a power cut can lose the last commit.
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  return db;
}

export async function pingDb(db: Db): Promise<boolean> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}

/*
 * better-sqlite3 is one connection. Prisma's adapter serialises transactions among themselves,
 * but a plain query issued while a transaction is open runs inside it: the outbox sender could
 * read a message that is later rolled back, or have its "sent" mark rolled back with someone
 * else's transaction and send twice. So every operation takes a turn, and a transaction holds
 * the turn for its whole length. Inside `db.$transaction(async (tx) => …)` use `tx` only: the
 * outer client would wait for the turn the transaction holds (until Prisma's 5 s timeout).
 */
const turns = new WeakMap<object, { tail: Promise<unknown> }>();
const inTransaction = new AsyncLocalStorage<boolean>();

/** Runs fn outside any transaction's async context: for timers that start background work. */
export function outsideTransaction<T>(fn: () => T): T {
  return inTransaction.exit(fn);
}

function takeTurn<T>(key: object, fn: () => Promise<T>): Promise<T> {
  let q = turns.get(key);
  if (!q) turns.set(key, (q = { tail: Promise.resolve() }));
  const run = q.tail.then(fn, fn);
  q.tail = run.catch(() => undefined);
  return run;
}

function serialized(base: PrismaClient): PrismaClient {
  const key = {};
  const extended = base.$extends({
    query: {
      $allOperations({ args, query, model, operation }) {
        // Waiting here would wait for the transaction we are in: fail loudly instead of stalling.
        if (inTransaction.getStore()) {
          return Promise.reject(new Error(`db.${model ?? ""}.${operation} used inside a transaction: use the transaction's client (tx)`));
        }
        return takeTurn(key, () => query(args));
      },
    },
  });
  // The transaction runs on the plain client, whose tx client doesn't go through the turns.
  Object.defineProperty(extended, "$transaction", {
    value: (fn: unknown, o?: unknown) => {
      if (typeof fn !== "function") throw new Error("use interactive transactions: db.$transaction(async (tx) => …)");
      if (inTransaction.getStore()) return Promise.reject(new Error("nested transaction: use the transaction's client (tx)"));
      return takeTurn(key, () => inTransaction.run(true, () => base.$transaction(fn as (tx: unknown) => Promise<unknown>, o as never)));
    },
  });
  return extended as unknown as PrismaClient;
}

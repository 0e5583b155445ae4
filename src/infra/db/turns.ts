// How the database is shared inside one process: SQLite's one connection taken in turns, the
// outer client refused inside a transaction, conflicts retried on PostgreSQL, and the hooks run
// after a transaction commits.
import { AsyncLocalStorage } from "node:async_hooks";
import type { PrismaClient } from "../../generated/prisma/client.ts";

/**
 * PostgreSQL may end one of two transactions that wait on each other (deadlock, 40P01) or that
 * conflict (40001); the work is then simply done again. Transactions here only write rows
 * (Slack is called from the outbox, after commit), so running one again is safe.
 */
export async function retryConflicts<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts || !isConflict(e)) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * i));
    }
  }
}

function isConflict(e: unknown): boolean {
  const x = e as {
    code?: string;
    meta?: { driverAdapterError?: { cause?: { originalCode?: string } } };
    cause?: { originalCode?: string };
  };
  // Prisma wraps the server's code; node-postgres (the plain-SQL side) gives it as is.
  const code = x?.meta?.driverAdapterError?.cause?.originalCode ?? x?.cause?.originalCode ?? x?.code;
  return x?.code === "P2034" || code === "40P01" || code === "40001";
}

/*
 * better-sqlite3 is one connection. Prisma's adapter serialises transactions among themselves,
 * but a plain query issued while a transaction is open runs inside it: the outbox sender could
 * read a message that is later rolled back, or have its "sent" mark rolled back with someone
 * else's transaction and send twice. So every operation takes a turn, and a transaction holds
 * the turn for its whole length. Inside `db.$transaction(async (tx) => …)` use `tx` only: the
 * outer client would wait for the turn the transaction holds (until Prisma's 5 s timeout).
 */
interface Task {
  fn: () => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  lent?: boolean;
}
interface Turns {
  running: boolean;
  /** The running turn is lent: another connection writes, this one is idle (lendTurn). */
  lent: boolean;
  /** Reads running on the idle connection during a lent turn (readTurn). */
  reading: number;
  urgent: Task[];
  normal: Task[];
}
const turns = new WeakMap<object, Turns>();
export const inTransaction = new AsyncLocalStorage<boolean>();

/** Runs fn outside any transaction's async context: for timers that start background work. */
export function outsideTransaction<T>(fn: () => T): T {
  return inTransaction.exit(fn);
}

/**
 * Runs `fn` when the connection is free, one at a time. An urgent turn (what a request needs
 * before its ack: the duplicate-request check) goes before every waiting background turn, so it
 * waits for at most the one statement or transaction running now, never for a queue of a
 * report's or a backlog's statements.
 */
export function takeTurn<T>(key: object, fn: () => Promise<T>, urgent = false, lent = false): Promise<T> {
  const queue = turnsOf(key);
  return new Promise<T>((resolve, reject) => {
    (urgent ? queue.urgent : queue.normal).push({ fn, resolve: resolve as (v: unknown) => void, reject, lent });
    next(queue);
  });
}

/**
 * Holds the turn while another connection to the same file writes (an export's thread): nothing
 * here writes in between, and no write here finds the file locked. This connection stays idle
 * meanwhile, so reads may use it (readTurn).
 */
export function lendTurn<T>(key: object, fn: () => Promise<T>): Promise<T> {
  return takeTurn(key, fn, false, true);
}

/**
 * A read outside any transaction. While the turn is lent it runs at once: WAL lets this
 * connection read the last commit while the other one writes, and a request's reads before its
 * ack (is this a retry, the person's language) would otherwise wait for a background thread's
 * whole turn, which at its low priority can lose its core half-way. Otherwise it takes its turn.
 */
export function readTurn<T>(key: object, fn: () => Promise<T>, urgent = false): Promise<T> {
  const q = turnsOf(key);
  if (!q.lent) return takeTurn(key, fn, urgent);
  q.reading++;
  return Promise.resolve()
    .then(fn)
    .finally(() => {
      q.reading--;
      next(q);
    });
}

function turnsOf(key: object): Turns {
  let q = turns.get(key);
  if (!q) turns.set(key, (q = { running: false, lent: false, reading: 0, urgent: [], normal: [] }));
  return q;
}

function next(q: Turns): void {
  // After a lent turn, the reads it let in finish before anything else takes the connection.
  if (q.running || q.reading) return;
  const task = q.urgent.shift() ?? q.normal.shift();
  if (!task) return;
  q.running = true;
  q.lent = task.lent === true;
  Promise.resolve()
    .then(task.fn)
    .then(task.resolve, task.reject)
    .finally(() => {
      q.running = false;
      q.lent = false;
      next(q);
    });
}

/**
 * The outer client used inside a transaction is a bug on both databases: on SQLite it would wait
 * for the turn its own transaction holds, on PostgreSQL it would run outside the transaction on
 * another connection. Both fail loudly here. On SQLite every operation also takes a turn (`key`).
 */
const commitHooks = new WeakMap<object, (() => void)[]>();

/**
 * Runs `fn` after each transaction on this client commits: the outbox sender and the scheduler
 * look for new rows then. Told from inside the transaction instead, another connection (a
 * PostgreSQL pool's) would look before the rows are visible, find nothing and sleep until its
 * next planned wake.
 */
export function onCommit(db: object, fn: () => void): void {
  commitHooks.set(db, [...(commitHooks.get(db) ?? []), fn]);
}

/** Prisma's operations that only read (raw queries may write: they take a turn). */
const READS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
]);

export function guarded(base: PrismaClient, key?: object): PrismaClient {
  const turn = <T>(fn: () => Promise<T>) => (key ? takeTurn(key, fn) : retryConflicts(fn));
  const read = <T>(fn: () => Promise<T>) => (key ? readTurn(key, fn) : retryConflicts(fn));
  const extended = base.$extends({
    query: {
      $allOperations({ args, query, model, operation }) {
        if (inTransaction.getStore()) {
          return Promise.reject(
            new Error(`db.${model ?? ""}.${operation} used inside a transaction: use the transaction's client (tx)`),
          );
        }
        return (READS.has(operation) ? read : turn)(() => query(args));
      },
    },
  });
  // The transaction runs on the plain client, whose tx client doesn't go through the turns.
  Object.defineProperty(extended, "$transaction", {
    value: (fn: unknown, o?: unknown) => {
      if (typeof fn !== "function") throw new Error("use interactive transactions: db.$transaction(async (tx) => …)");
      if (inTransaction.getStore())
        return Promise.reject(new Error("nested transaction: use the transaction's client (tx)"));
      return turn(() =>
        inTransaction.run(true, () => base.$transaction(fn as (tx: unknown) => Promise<unknown>, o as never)),
      ).then((r) => {
        for (const hook of commitHooks.get(extended) ?? []) outsideTransaction(hook);
        return r;
      });
    },
  });
  return extended as unknown as PrismaClient;
}

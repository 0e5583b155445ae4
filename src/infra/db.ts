import { AsyncLocalStorage } from "node:async_hooks";
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";
import { PrismaClient } from "../generated/prisma/client.ts";
import type { Param, Row, Sql } from "./sql.ts";
import { pgSql } from "./pg-sql.ts";

export type DbClient = PrismaClient;
/** What services take: the client itself or the client inside a transaction. */
export type Db = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export interface Database {
  /** Prisma, for the features' ordinary reads and writes. */
  db: DbClient;
  /** Plain SQL on the same connection, for the hot paths. */
  sql: Sql;
}

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

const sqlOfClient = new WeakMap<object, Sql>();

/** The plain-SQL side of a client opened by openDatabase (tests hold the client only). */
export function sqlOf(db: object): Sql {
  const s = sqlOfClient.get(db);
  if (!s) throw new Error("this client was not opened with openDatabase");
  return s;
}

/** The pool each replica keeps open on PostgreSQL (DATABASE_POOL_SIZE; pg's own default is 10). */
export interface OpenOptions {
  poolSize?: number;
}

export async function openDatabase(url: string, o: OpenOptions = {}): Promise<Database> {
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, o);
  const path = sqlitePath(url);
  prepareSqliteFile(path);
  // busy_timeout lets a second process (a CLI import, a second replica starting) share the
  // file; within this process every access takes a turn (below), so it never waits on itself.
  const factory = new PrismaBetterSQLite3({ url, timeout: 5000 });
  let raw: BetterSqlite3.Database | undefined;
  const connect = factory.connect.bind(factory);
  // The adapter opens the better-sqlite3 connection itself; keep a handle to it so the plain
  // SQL below runs on the same connection, in the same turns, as Prisma's queries.
  factory.connect = async () => {
    const adapter = await connect();
    raw = (adapter as unknown as { client: BetterSqlite3.Database }).client;
    return adapter;
  };
  const base = new PrismaClient({ adapter: factory });
  await base.$connect();
  if (!raw) throw new Error("the SQLite adapter did not expose its connection");
  // WAL lets readers proceed while a writer works; NORMAL survives an application crash (only a
  // power cut can lose the last commit).
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = NORMAL");
  const key = {};
  const db = guarded(base, key);
  const sql = sqliteSql(raw, key);
  sqlOfClient.set(db, sql);
  return { db, sql };
}

/**
 * PostgreSQL through Prisma's pg adapter, with the client generated from the same schema
 * (prisma/postgres, scripts/pg-schema.mjs). Loaded only when asked for: a SQLite process never
 * loads pg or the second client. Plain SQL runs through the same client (raw queries), so a
 * feature's Prisma transaction and the hot paths' statements share one connection per
 * transaction, and no access needs to take turns: PostgreSQL's own locks and the conditional
 * claims keep replicas apart.
 */
async function openPostgres(url: string, o: OpenOptions): Promise<Database> {
  const [{ PrismaClient: PgClient }, { PrismaPg }] = await Promise.all([
    import("../generated/prisma-pg/client.ts"),
    import("@prisma/adapter-pg"),
  ]);
  const base = new PgClient({ adapter: new PrismaPg({ connectionString: url, max: o.poolSize ?? 10 }) });
  await base.$connect();
  // Both clients come from one schema: the models, their fields and their methods are the same.
  const plain = base as unknown as PrismaClient;
  const db = guarded(plain);
  const { sql, close } = pgSql(url, o.poolSize ?? 10, {
    guard: (what) =>
      inTransaction.getStore() ? `sql.${what} used inside a transaction: use the transaction's q` : undefined,
    inTx: (fn) => inTransaction.run(true, fn),
    retry: retryConflicts,
  });
  // Closing the client closes the plain-SQL pool too.
  const disconnect = db.$disconnect.bind(db);
  Object.defineProperty(db, "$disconnect", { value: async () => Promise.all([disconnect(), close()]).then(() => {}) });
  sqlOfClient.set(db, sql);
  return { db, sql };
}

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

export async function openDb(url: string): Promise<DbClient> {
  return (await openDatabase(url)).db;
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

function guarded(base: PrismaClient, key?: object): PrismaClient {
  const turn = <T>(fn: () => Promise<T>) => (key ? takeTurn(key, fn) : retryConflicts(fn));
  const extended = base.$extends({
    query: {
      $allOperations({ args, query, model, operation }) {
        if (inTransaction.getStore()) {
          return Promise.reject(
            new Error(`db.${model ?? ""}.${operation} used inside a transaction: use the transaction's client (tx)`),
          );
        }
        return turn(() => query(args));
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

/** Prisma's SQLite adapter writes DateTime as ISO text with +00:00; plain SQL writes the same. */
function sqliteParam(v: Param): string | number | bigint | null {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return v.toISOString().replace("Z", "+00:00");
  if (typeof v === "boolean") return v ? 1 : 0;
  return v;
}

function sqliteSql(raw: BetterSqlite3.Database, key: object): Sql {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepare = (text: string) => {
    let s = cache.get(text);
    if (!s) {
      s = raw.prepare(text);
      if (s.reader) s.safeIntegers(false);
      cache.set(text, s);
    }
    return s;
  };
  const direct: Omit<Sql, "tx"> = {
    dialect: "sqlite",
    async all<T>(text: string, params: readonly Param[] = []) {
      return prepare(text).all(...params.map(sqliteParam)) as T[];
    },
    async get<T>(text: string, params: readonly Param[] = []) {
      const s = prepare(text);
      return (s.reader ? s.get(...params.map(sqliteParam)) : (s.run(...params.map(sqliteParam)), undefined)) as
        T | undefined;
    },
    async run(text: string, params: readonly Param[] = []) {
      const s = prepare(text);
      if (s.reader) return s.all(...params.map(sqliteParam)).length;
      return s.run(...params.map(sqliteParam)).changes;
    },
  };
  const inner: Sql = {
    ...direct,
    tx: () => Promise.reject(new Error("nested transaction: use the transaction's q")),
  };
  const guard = (what: string) => {
    if (inTransaction.getStore()) throw new Error(`sql.${what} used inside a transaction: use the transaction's q`);
  };
  return {
    dialect: "sqlite",
    all<T = Row>(text: string, params?: readonly Param[]) {
      guard("all");
      return takeTurn(key, () => direct.all<T>(text, params));
    },
    get<T = Row>(text: string, params?: readonly Param[]) {
      guard("get");
      return takeTurn(key, () => direct.get<T>(text, params));
    },
    run(text: string, params?: readonly Param[]) {
      guard("run");
      return takeTurn(key, () => direct.run(text, params));
    },
    tx<T>(fn: (q: Sql) => Promise<T>) {
      guard("tx");
      return takeTurn(key, () =>
        inTransaction.run(true, async () => {
          // IMMEDIATE takes the write lock at once: another process can't slip a write in between.
          prepare("BEGIN IMMEDIATE").run();
          try {
            const r = await fn(inner);
            prepare("COMMIT").run();
            return r;
          } catch (e) {
            if (raw.inTransaction) prepare("ROLLBACK").run();
            throw e;
          }
        }),
      );
    },
  };
}

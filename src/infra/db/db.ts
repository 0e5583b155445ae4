import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";
import { PrismaClient } from "../../generated/prisma/client.ts";
import type { Sql } from "./sql.ts";
import { pgSql } from "./pg-sql.ts";
import { sqliteSql } from "./sqlite-sql.ts";
import { sqliteReader } from "./sqlite-reader.ts";
import { guarded, inTransaction, retryConflicts } from "./turns.ts";

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
  // Long reads get a connection of their own on a worker thread (a file has room for two), which
  // also checkpoints the log once it has grown to 4 MB; the main connection checkpoints only if the
  // log grows far past what the worker keeps it to (it died, or a backfill outruns it).
  const reader = path === ":memory:" || path === "" ? undefined : sqliteReader(path, { checkpoints: true });
  if (reader) raw.pragma("wal_autocheckpoint = 10000");
  const sql = sqliteSql(raw, key, reader, reader ? path : undefined);
  if (reader) {
    const disconnect = db.$disconnect.bind(db);
    Object.defineProperty(db, "$disconnect", {
      value: async () => Promise.all([reader.close(), disconnect()]).then(() => {}),
    });
  }
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
    import("../../generated/prisma-pg/client.ts"),
    import("@prisma/adapter-pg"),
  ]);
  const base = new PgClient({
    adapter: new PrismaPg({ connectionString: url, max: o.poolSize ?? 10 }),
    // Prisma's defaults (2 s to get a connection, 5 s for the whole transaction) turned a burst
    // into errors: 22 promotions created at once on a busy 2-core machine queued for the pool's
    // 10 connections, and 8 of them answered "something went wrong". Waiting is what a burst
    // needs; the timeout still ends a transaction that hangs while holding its locks.
    transactionOptions: { maxWait: 15_000, timeout: 30_000 },
  });
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

export async function openDb(url: string): Promise<DbClient> {
  return (await openDatabase(url)).db;
}

/**
 * Whether the database answers. A probe (/healthz every few seconds) must not wait behind
 * background work: on SQLite it runs at once, even while a transaction holds the connection's
 * turn (sql.probe); on PostgreSQL it takes a connection of the pool.
 */
export async function pingDb(sql: Sql): Promise<boolean> {
  try {
    if (sql.probe) await sql.probe();
    else await sql.get('SELECT 1 AS "ok"');
    return true;
  } catch {
    return false;
  }
}

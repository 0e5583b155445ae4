// Plain SQL on PostgreSQL straight through node-postgres, for the hot paths. Through Prisma's raw
// queries each statement cost about 0.4 ms of client CPU (a profile of a backlog of escalations
// on PostgreSQL: 10% idle, the rest mostly Prisma's client runtime), which capped one process at
// ~170 escalations a second; SQLite's side already bypasses Prisma with better-sqlite3.
//
// Values are kept in the shapes Prisma writes and the SQLite side returns: DateTime columns are
// TIMESTAMP(3) holding UTC wall time, so dates go in as UTC ISO strings (a Date would be sent in
// the process's time zone, and PostgreSQL drops the offset for TIMESTAMP) and come back as UTC;
// BIGINT (COUNT, SUM of integers) comes back as a bigint, as Prisma returns it.
import pg from "pg";
import type { Param, Sql } from "./sql.ts";

const TIMESTAMP = 1114;
const INT8 = 20;

const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === TIMESTAMP) return (s: string) => new Date(`${s.replace(" ", "T")}Z`);
    if (oid === INT8) return (s: string) => BigInt(s);
    return pg.types.getTypeParser(oid, format as "text");
  }) as typeof pg.types.getTypeParser,
};

const numbered = (text: string) => {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
};

const value = (v: Param): unknown =>
  v === undefined ? null : v instanceof Date ? v.toISOString() : typeof v === "bigint" ? v.toString() : v;

export interface PgSql {
  sql: Sql;
  close(): Promise<void>;
}

/**
 * `guard` wraps each outer call (the caller's rule: no plain SQL inside a Prisma transaction);
 * `inTx` runs the body of sql.tx in the transaction context that rule looks at; `retry` runs a
 * transaction again when PostgreSQL ends it as deadlocked or unserialisable.
 */
export function pgSql(
  url: string,
  poolSize: number,
  o: {
    guard: (what: string) => string | undefined;
    inTx: <T>(fn: () => Promise<T>) => Promise<T>;
    retry: <T>(fn: () => Promise<T>) => Promise<T>;
  },
): PgSql {
  // allowExitOnIdle: an idle pool never keeps a finished process (a CLI import, a test) alive.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types, allowExitOnIdle: true });
  // An idle connection PostgreSQL drops (a restart, a failover) is an error event on the pool:
  // without a listener it would end the process. The next query opens a new connection.
  pool.on("error", () => {});
  const on = (c: pg.Pool | pg.PoolClient) => ({
    all: async <T>(text: string, params: readonly Param[] = []) =>
      (await c.query(numbered(text), params.map(value))).rows as T[],
    run: async (text: string, params: readonly Param[] = []) =>
      (await c.query(numbered(text), params.map(value))).rowCount ?? 0,
  });
  const outer = on(pool);
  const refuse = (what: string) => {
    const why = o.guard(what);
    return why ? Promise.reject(new Error(why)) : undefined;
  };
  const sql: Sql = {
    dialect: "postgres",
    all: (text, params) => refuse("all") ?? outer.all(text, params),
    get: async <T>(text: string, params?: readonly Param[]) =>
      ((await (refuse("get") ?? outer.all<T>(text, params))) as T[])[0],
    run: (text, params) => refuse("run") ?? outer.run(text, params),
    tx: (fn) =>
      refuse("tx") ??
      o.retry(async () => {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          const inner = on(client);
          const q: Sql = {
            dialect: "postgres",
            all: inner.all,
            get: async (text, params) => (await inner.all(text, params))[0] as never,
            run: inner.run,
            tx: () => Promise.reject(new Error("nested transaction: use the transaction's q")),
          };
          const result = await o.inTx(() => fn(q));
          await client.query("COMMIT");
          return result;
        } catch (e) {
          await client.query("ROLLBACK").catch(() => {});
          throw e;
        } finally {
          client.release();
        }
      }),
  };
  return { sql, close: () => pool.end() };
}

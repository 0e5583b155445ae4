// Plain SQL on SQLite through better-sqlite3's prepared statements, each statement taking the
// connection's turn (turns.ts) and a transaction holding it for its whole length.
import type BetterSqlite3 from "better-sqlite3";
import type { Param, ReadSql, Row, Sql } from "./sql.ts";
import { inTransaction, lendTurn, readTurn, takeTurn } from "./turns.ts";

/** Prisma's SQLite adapter writes DateTime as ISO text with +00:00; plain SQL writes the same. */
export function sqliteParam(v: Param): string | number | bigint | null {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return v.toISOString().replace("Z", "+00:00");
  if (typeof v === "boolean") return v ? 1 : 0;
  return v;
}

const STATEMENTS_KEPT = 500;

/**
 * Prepared statements are kept, the most recently used 500: a statement's text varies with the
 * length of its IN lists and VALUES rows, so an unbounded cache would grow through the day.
 */
function statementCache(raw: BetterSqlite3.Database): (text: string) => BetterSqlite3.Statement {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return (text) => {
    let s = cache.get(text);
    if (s) {
      cache.delete(text);
    } else {
      s = raw.prepare(text);
      if (s.reader) s.safeIntegers(false);
      if (cache.size >= STATEMENTS_KEPT) cache.delete(cache.keys().next().value!);
    }
    cache.set(text, s);
    return s;
  };
}

export function sqliteSql(raw: BetterSqlite3.Database, key: object, reader?: ReadSql, path?: string): Sql {
  const prepare = statementCache(raw);
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
  // A statement that writes nothing may run while the turn is lent (turns.ts readTurn). Preparing
  // it to ask is safe at any moment: it touches no rows (a bad one fails in its turn, as before).
  const turnOf = (text: string) => {
    try {
      return prepare(text).readonly ? readTurn : takeTurn;
    } catch {
      return takeTurn;
    }
  };
  const guard = (what: string) => {
    if (inTransaction.getStore()) throw new Error(`sql.${what} used inside a transaction: use the transaction's q`);
  };
  return {
    dialect: "sqlite",
    reader,
    all<T = Row>(text: string, params?: readonly Param[]) {
      guard("all");
      return turnOf(text)(key, () => direct.all<T>(text, params));
    },
    get<T = Row>(text: string, params?: readonly Param[]) {
      guard("get");
      return turnOf(text)(key, () => direct.get<T>(text, params));
    },
    probe: async () => void prepare('SELECT 1 AS "ok"').get(),
    shared: path ? { path, lend: (fn) => (guard("lend"), lendTurn(key, fn)) } : undefined,
    urgent: {
      get<T = Row>(text: string, params?: readonly Param[]) {
        guard("get");
        return readTurn(key, () => direct.get<T>(text, params), true);
      },
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

// Plain SQL for the hot paths (claiming timers and messages, escalating a batch of complaints,
// ingesting metrics), where Prisma's per-call cost (about 0.4 ms of query compiling and client
// code per statement, measured) would dominate: better-sqlite3 runs a prepared statement in
// 5–15 µs. The SQL is written once for SQLite and PostgreSQL: "quoted" identifiers as Prisma
// names them, `?` placeholders (numbered for PostgreSQL by the driver), values converted here.

export type Dialect = "sqlite" | "postgres";
export type Param = string | number | bigint | boolean | Date | null | undefined;
export type Row = Record<string, unknown>;

export interface Sql {
  readonly dialect: Dialect;
  all<T = Row>(text: string, params?: readonly Param[]): Promise<T[]>;
  get<T = Row>(text: string, params?: readonly Param[]): Promise<T | undefined>;
  /** Runs a statement; returns how many rows it changed. */
  run(text: string, params?: readonly Param[]): Promise<number>;
  /** Runs `fn` in one transaction: all its writes commit together, or none do. */
  tx<T>(fn: (q: Sql) => Promise<T>): Promise<T>;
  /**
   * Reads that go before queued background work (SQLite's turns, turns.ts): what a request must
   * know before its ack. Absent where connections don't take turns (PostgreSQL's pool).
   */
  readonly urgent?: Pick<Sql, "get">;
  /**
   * A statement that reads no table (the health probe's SELECT 1), run at once even between the
   * statements of a transaction that holds SQLite's turn: it can't see or change anything, and a
   * probe must not wait for a transaction's whole length. Absent on PostgreSQL (a pool).
   */
  readonly probe?: () => Promise<void>;
  /**
   * Long reads (reports over a day's rows) on a connection of their own, off the event loop
   * (SQLite: a worker thread, sqlite-reader.ts). Absent where the pool already is (PostgreSQL).
   */
  readonly reader?: ReadSql;
  /**
   * SQLite in a file: its path, and `lend(fn)`, which holds this connection's turn while fn runs,
   * so that another connection (the thread that reads an export) writes as if it were one of this
   * connection's transactions: nothing here runs in between, and no write here finds the file
   * locked. Absent on PostgreSQL and in memory.
   */
  readonly shared?: { path: string; lend<T>(fn: () => Promise<T>): Promise<T> };
}

/** Reads only: what a report needs. */
export type ReadSql = Pick<Sql, "dialect" | "all" | "get"> & {
  /** Its statements run off the event loop: a long one holds no ack, so reads need no slicing. */
  readonly offLoop?: boolean;
};

/**
 * What the two dialects spell differently in the hot paths' statements: the larger and smaller
 * of two values, and a timestamp parameter compared with a timestamp(3) column in a CASE or a
 * GREATEST (PostgreSQL can't infer an untyped parameter's type there; SQLite needs no cast).
 * `unindexed` before a column keeps SQLite's planner from searching by it (its unary +), where
 * a rarer column leads to the rows: SQLite plans without statistics, PostgreSQL with them.
 */
export const spelling = (d: Dialect) =>
  d === "postgres"
    ? ({ greatest: "GREATEST", least: "LEAST", stamp: "CAST(? AS TIMESTAMP(3))", unindexed: "" } as const)
    : ({ greatest: "MAX", least: "MIN", stamp: "?", unindexed: "+" } as const);

/** Where a long read should run: the reader of its own, or the connection itself. */
export const readerOf = (sql: Sql): ReadSql => sql.reader ?? sql;

// Placeholder lists are built once per shape: a million-row import asks for the same few
// thousand times (building them cost 2 s of its 25 in a profile), and the same text is the same
// prepared statement. Shapes are few (batch sizes), so the memo stays small.
const shapes = new Map<string, string>();
const once = (key: string, build: () => string): string => {
  let s = shapes.get(key);
  if (s === undefined) {
    s = build();
    if (shapes.size < 2_000) shapes.set(key, s);
  }
  return s;
};

/** "?, ?, ?" for an IN list or a VALUES row of `n` values. */
export const marks = (n: number): string => once(`m${n}`, () => Array.from({ length: n }, () => "?").join(", "));

/** VALUES (?, ?), (?, ?) … for `rows` rows of `width` values. */
export const valueRows = (rows: number, width: number): string =>
  once(`v${rows}x${width}`, () => Array.from({ length: rows }, () => `(${marks(width)})`).join(", "));

/** A value read back from either driver as a Date (SQLite keeps Prisma's ISO text). */
export function toDate(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === "string") return new Date(v.endsWith("Z") || /[+-]\d\d:\d\d$/.test(v) ? v : `${v}Z`);
  if (typeof v === "number" || typeof v === "bigint") return new Date(Number(v));
  throw new Error(`not a date: ${String(v)}`);
}

export const toDateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : toDate(v));

/** SQLite has no booleans: Prisma stores them as 0/1. */
export const toBool = (v: unknown): boolean => v === true || v === 1 || v === 1n || v === "1" || v === "t";

export const toNum = (v: unknown): number => (typeof v === "bigint" ? Number(v) : (v as number));

/** Runs `fn` over `items` in slices of `size`: keeps statements under the drivers' parameter limits. */
export async function inSlices<T>(items: readonly T[], size: number, fn: (slice: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await fn(items.slice(i, i + size));
}

// Plain SQL through a Prisma client or transaction, so that a feature's Prisma transaction also
// covers the hot paths' statements (enqueueing messages, arming timers) written in plain SQL.
// The SQL is written with ? placeholders; PostgreSQL's are numbered ($1, $2…) here.
import type { Dialect, Param, Sql } from "./sql.ts";

/** The raw-SQL half of a Prisma client or transaction (structural, so db.ts can import this file). */
export interface RawClient {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}
type Db = RawClient;

/** What such statements run on: plain SQL, or a Prisma client or transaction. */
export type Exec = Pick<Sql, "dialect" | "run" | "all">;

export function prismaExec(db: Db, dialect: Dialect): Exec {
  const numbered = (text: string) => {
    if (dialect !== "postgres") return text;
    let n = 0;
    return text.replace(/\?/g, () => `$${++n}`);
  };
  return {
    dialect,
    run: (text, params = []) => db.$executeRawUnsafe(numbered(text), ...params.map((v) => v ?? null)),
    all: <T>(text: string, params: readonly Param[] = []) =>
      db.$queryRawUnsafe<T[]>(numbered(text), ...params.map((v) => v ?? null)),
  };
}

/** The SQL dialect of a Prisma client or transaction (Prisma calls PostgreSQL "postgresql"). */
export function dialectOfClient(db: Db): Dialect {
  return (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql" ? "postgres" : "sqlite";
}

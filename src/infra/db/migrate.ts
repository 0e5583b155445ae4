// Applies the committed migrations in-process at start (prisma/migrations for SQLite,
// prisma/postgres/migrations for PostgreSQL): no Prisma CLI child process (it took seconds),
// each migration in its own transaction (a crash leaves the database at the last whole
// migration), and the history kept in Prisma's own _prisma_migrations table with Prisma's
// checksum, so `prisma migrate status` agrees. Replicas starting together migrate once: SQLite
// takes the write lock, PostgreSQL an advisory lock, and the second finds nothing to do.
import { realNowMs } from "../clock.ts";
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { prepareSqliteFile, sqlitePath } from "./db.ts";
import { fromRoot } from "../paths.ts";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function committedMigrations(dir = fromRoot("prisma/migrations")): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(`${dir}/${name}/migration.sql`);
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    });
}

const HISTORY = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

// Prisma's bookkeeping of when a migration ran: real time, whatever clock the bot is given.
const iso = () => new Date(realNowMs()).toISOString().replace("Z", "+00:00");

/** Brings a SQLite database up to the committed migrations; returns the names it applied. */
export function migrateSqlite(databaseUrl: string, migrations = committedMigrations()): string[] {
  const path = sqlitePath(databaseUrl);
  prepareSqliteFile(path);
  const db = new Database(path, { timeout: 15_000 });
  try {
    db.pragma("journal_mode = WAL");
    const applied: string[] = [];
    // One writer at a time across processes: a second process starting now waits here, then
    // finds every migration recorded and applies none.
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(HISTORY);
      const done = new Map(
        (
          db
            .prepare(
              `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
            )
            .all() as { migration_name: string; checksum: string }[]
        ).map((r) => [r.migration_name, r.checksum]),
      );
      for (const m of migrations) {
        const seen = done.get(m.name);
        if (seen === m.checksum) continue;
        if (seen)
          throw new Error(
            `migration ${m.name} was changed after it was applied (checksum differs); add a new migration instead`,
          );
        const id = randomUUID();
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, 0)`,
        ).run(id, m.checksum, m.name, iso());
        // defer_foreign_keys lets Prisma's table redefinitions run inside the transaction.
        db.exec(m.sql);
        db.prepare(`UPDATE "_prisma_migrations" SET finished_at = ?, applied_steps_count = 1 WHERE id = ?`).run(
          iso(),
          id,
        );
        applied.push(m.name);
      }
      db.exec("COMMIT");
    } catch (e) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw e;
    }
    return applied;
  } finally {
    db.close();
  }
}

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

const PG_HISTORY = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;
/** Any fixed number: the advisory lock every replica takes while it migrates. */
const MIGRATION_LOCK = 7_270_717;

/** Brings a PostgreSQL database up to the committed migrations; returns the names it applied. */
export async function migratePostgres(
  databaseUrl: string,
  migrations = committedMigrations(fromRoot("prisma/postgres/migrations")),
): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await client.query(PG_HISTORY);
      const done = new Map(
        (
          await client.query<{ migration_name: string; checksum: string }>(
            `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
          )
        ).rows.map((r) => [r.migration_name, r.checksum]),
      );
      const applied: string[] = [];
      for (const m of migrations) {
        const seen = done.get(m.name);
        if (seen === m.checksum) continue;
        if (seen)
          throw new Error(
            `migration ${m.name} was changed after it was applied (checksum differs); add a new migration instead`,
          );
        await client.query("BEGIN");
        try {
          const id = randomUUID();
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
            [id, m.checksum, m.name],
          );
          await client.query(m.sql);
          await client.query(
            `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
            [id],
          );
          await client.query("COMMIT");
        } catch (e) {
          await client.query("ROLLBACK");
          throw e;
        }
        applied.push(m.name);
      }
      return applied;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    await client.end();
  }
}

/** Applies what is missing, on whichever database the URL names. */
export async function migrateDeploy(databaseUrl: string, _env?: NodeJS.ProcessEnv): Promise<string[]> {
  return isPostgresUrl(databaseUrl) ? migratePostgres(databaseUrl) : migrateSqlite(databaseUrl);
}

// Applies the committed migrations (prisma/migrations/*/migration.sql) in-process at start:
// no Prisma CLI child process (it took seconds), each migration in its own transaction (a crash
// leaves the database at the last whole migration), and the history kept in Prisma's own
// _prisma_migrations table with Prisma's checksum, so `prisma migrate status` agrees.
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { prepareSqliteFile, sqlitePath } from "./db.ts";
import { fromRoot } from "./paths.ts";

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

const iso = () => new Date().toISOString().replace("Z", "+00:00");

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
        (db.prepare(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`).all() as { migration_name: string; checksum: string }[]).map(
          (r) => [r.migration_name, r.checksum],
        ),
      );
      for (const m of migrations) {
        const seen = done.get(m.name);
        if (seen === m.checksum) continue;
        if (seen) throw new Error(`migration ${m.name} was changed after it was applied (checksum differs); add a new migration instead`);
        const id = randomUUID();
        db.prepare(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, 0)`).run(id, m.checksum, m.name, iso());
        // defer_foreign_keys lets Prisma's table redefinitions run inside the transaction.
        db.exec(m.sql);
        db.prepare(`UPDATE "_prisma_migrations" SET finished_at = ?, applied_steps_count = 1 WHERE id = ?`).run(iso(), id);
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

/** Kept for callers that migrate before opening: applies what is missing. */
export async function migrateDeploy(databaseUrl: string, _env?: NodeJS.ProcessEnv): Promise<string[]> {
  return migrateSqlite(databaseUrl);
}

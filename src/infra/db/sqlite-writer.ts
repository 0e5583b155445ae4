// A second connection to the bot's SQLite file, for a thread that stores rows itself (an export's
// orders, read-export.ts): it writes only in a turn the bot's connection lends it (sql.shared),
// so the two never wait on each other's locks; busy_timeout covers other processes (a CLI import).
import Database from "better-sqlite3";
import type { Sql } from "./sql.ts";
import { sqliteSql } from "./sqlite-sql.ts";

export function openSqliteWriter(path: string): { sql: Sql; close(): void } {
  const raw = new Database(path);
  raw.pragma("busy_timeout = 5000");
  // As the bot's own connection: the file is already in WAL; NORMAL survives a crash of the process.
  raw.pragma("synchronous = NORMAL");
  // The bot's reader thread checkpoints the log (db.ts); a commit here doesn't stop to do it.
  raw.pragma("wal_autocheckpoint = 0");
  return { sql: sqliteSql(raw, {}), close: () => raw.close() };
}

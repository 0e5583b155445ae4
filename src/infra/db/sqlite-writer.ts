// A second connection to the bot's SQLite file, for a thread that stores rows itself (an export's
// orders, read-export.ts): it writes only in a turn the bot's connection lends it (sql.shared),
// so the two never wait on each other's locks; busy_timeout covers other processes (a CLI import).
import Database from "better-sqlite3";
import type { Sql } from "./sql.ts";
import { sqliteSql } from "./sqlite-sql.ts";

export interface SqliteWriter {
  sql: Sql;
  /**
   * Copies the log back into the file, between turns: the bot's reader thread does it twice a
   * second, but between turns that follow each other closely its copy never finishes, so the log
   * was never started again from its beginning; at 10,000 pages (about 140,000 orders) a COMMIT of
   * the bot's own then ran the checkpoint on the event loop, holding acks 90-130 ms. Here, with
   * no turn in progress, it finishes, and the next write starts the log over. PASSIVE: it never
   * waits for the bot's readers or writers.
   */
  checkpoint(): void;
  close(): void;
}

export function openSqliteWriter(path: string): SqliteWriter {
  const raw = new Database(path);
  raw.pragma("busy_timeout = 5000");
  // As the bot's own connection: the file is already in WAL; NORMAL survives a crash of the process.
  raw.pragma("synchronous = NORMAL");
  // A commit here doesn't stop to checkpoint inside the lent turn; checkpoint() does it after.
  raw.pragma("wal_autocheckpoint = 0");
  const checkpoint = () => {
    try {
      raw.pragma("wal_checkpoint(PASSIVE)");
    } catch {
      // Busy or locked: the next call, or the bot's reader thread, copies what this one could not.
    }
  };
  return { sql: sqliteSql(raw, {}), checkpoint, close: () => raw.close() };
}

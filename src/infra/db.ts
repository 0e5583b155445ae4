import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client.ts";

export type DbClient = PrismaClient;
/** What services take: the client itself or the client inside a transaction. */
export type Db = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export function sqlitePath(url: string): string {
  return url.replace(/^file:/, "");
}

export async function openDb(url: string): Promise<DbClient> {
  const path = sqlitePath(url);
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  // busy_timeout lets the scheduler, the outbox and request handlers share one file without
  // SQLITE_BUSY errors when their writes overlap.
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 5000 }) });
  // WAL lets readers (healthz, home tab) proceed while the outbox writes.
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  // In WAL mode NORMAL survives an application crash; only a power cut can lose the last commit.
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  return db;
}

export async function pingDb(db: Db): Promise<boolean> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}

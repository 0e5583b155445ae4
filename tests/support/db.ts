import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { openDatabase, type DbClient } from "../../src/infra/db.ts";
import type { Sql } from "../../src/infra/sql.ts";

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
  }
}

/** A fresh, migrated SQLite file for one test. */
export function freshDbUrl(): string {
  const dir = mkdtempSync(join(tmpdir(), "shopops-test-"));
  const path = join(dir, "test.db");
  copyFileSync(inject("templateDb"), path);
  return `file:${path}`;
}

export async function freshDb(): Promise<{ db: DbClient; sql: Sql; url: string }> {
  const url = freshDbUrl();
  return { ...(await openDatabase(url)), url };
}

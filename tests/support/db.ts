import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { openDatabase, type DbClient } from "../../src/infra/db/db.ts";
import type { Sql } from "../../src/infra/db/sql.ts";
import { urlOf } from "./postgres-server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
    dbKind: "sqlite" | "postgres";
    pgAdminUrl: string;
  }
}

/** Which database this run tests on (the vitest project's TEST_DB). */
export const dbKind = (): "sqlite" | "postgres" => inject("dbKind");

let admin: Promise<pg.Client> | undefined;
let n = 0;

/** A fresh, migrated database for one test: a copied SQLite file, or a PostgreSQL database made from the template. */
export async function freshDbUrl(): Promise<string> {
  if (dbKind() === "postgres") {
    const client = await (admin ??= (async () => {
      const c = new pg.Client({ connectionString: inject("pgAdminUrl") });
      await c.connect();
      return c;
    })());
    const name = `t_${process.pid}_${++n}_${Math.random().toString(36).slice(2, 8)}`;
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${inject("templateDb")}`);
    return urlOf(inject("pgAdminUrl"), name);
  }
  const dir = mkdtempSync(join(tmpdir(), "shopops-test-"));
  const path = join(dir, "test.db");
  copyFileSync(inject("templateDb"), path);
  return `file:${path}`;
}

export async function freshDb(): Promise<{ db: DbClient; sql: Sql; url: string }> {
  const url = await freshDbUrl();
  return { ...(await openDatabase(url)), url };
}

import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { prepareSqliteFile } from "./db.ts";
import Database from "better-sqlite3";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Applies the committed migrations with Prisma's own `migrate deploy`, so a fresh clone needs no
 * manual database step and Prisma's migration history stays the single source of truth.
 */
export async function migrateDeploy(databaseUrl: string, baseEnv: NodeJS.ProcessEnv): Promise<void> {
  if (isUpToDate(databaseUrl)) return;
  prepareSqliteFile(resolve(databaseUrl.replace(/^file:/, "")));
  const require = createRequire(import.meta.url);
  const cli = join(dirname(require.resolve("prisma/package.json")), "build/index.js");
  // The CLI runs from the project root; a relative path must still mean the bot's working directory.
  const absoluteUrl = `file:${resolve(databaseUrl.replace(/^file:/, ""))}`;
  const env = { ...baseEnv, DATABASE_URL: absoluteUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
  const output: string[] = [];
  const code = await new Promise<number>((res, rej) => {
    const child = spawn(process.execPath, [cli, "migrate", "deploy"], { cwd: root, env });
    child.stdout.on("data", (d) => output.push(String(d)));
    child.stderr.on("data", (d) => output.push(String(d)));
    child.on("error", rej);
    child.on("close", (c) => res(c ?? 1));
  });
  if (code !== 0) throw new Error(`database migration failed:\n${output.join("")}`);
}

/** True when every committed migration is recorded as finished: a restart then skips the CLI. */
function isUpToDate(databaseUrl: string): boolean {
  const path = databaseUrl.replace(/^file:/, "");
  if (!existsSync(path)) return false;
  const wanted = readdirSync(join(root, "prisma/migrations"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name='_prisma_migrations'").get();
    if (!table) return false;
    const done = new Set(
      (db.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL").all() as { migration_name: string }[]).map(
        (r) => r.migration_name,
      ),
    );
    return wanted.every((w) => done.has(w));
  } finally {
    db.close();
  }
}

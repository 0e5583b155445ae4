// Once per test run (the "sqlite" project): migrate one template database (each test copies it:
// a copy costs microseconds) and compile dist/ as `npm start` runs it (the process tests start
// dist/main.js).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrateDeploy } from "../../src/infra/db/migrate.ts";

export default async function setup({ provide }: { provide: (k: string, v: string) => void }) {
  execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "ignore" });
  const dir = mkdtempSync(join(tmpdir(), "shopops-template-"));
  const path = join(dir, "template.db");
  await migrateDeploy(`file:${path}`);
  provide("dbKind", "sqlite");
  provide("templateDb", path);
  return () => rmSync(dir, { recursive: true, force: true });
}

// Once per test run: migrate one template database (each test copies it: a copy costs
// microseconds) and compile dist/ as `npm start` runs it (the process tests start dist/main.js).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrateDeploy } from "../../src/infra/migrate.ts";

export default async function setup({ provide }: { provide: (k: string, v: string) => void }) {
  const dir = mkdtempSync(join(tmpdir(), "shopops-template-"));
  const path = join(dir, "template.db");
  await migrateDeploy(`file:${path}`);
  provide("templateDb", path);
  execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "ignore" });
  return () => rmSync(dir, { recursive: true, force: true });
}

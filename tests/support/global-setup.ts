// Migrate one template database per test run; each test copies it (a copy costs microseconds,
// a migration about a second).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrateDeploy } from "../../src/infra/migrate.ts";

export default async function setup({ provide }: { provide: (k: string, v: string) => void }) {
  const dir = mkdtempSync(join(tmpdir(), "shopops-template-"));
  const path = join(dir, "template.db");
  await migrateDeploy(`file:${path}`, { PATH: process.env.PATH });
  provide("templateDb", path);
  return () => rmSync(dir, { recursive: true, force: true });
}

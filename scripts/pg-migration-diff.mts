// Prints the PostgreSQL migration from one schema file to another. Prisma's schema-to-schema diff
// still wants a server to talk to, so this starts the same throwaway PostgreSQL the tests use
// (or uses TEST_DATABASE_URL). Used by scripts/new-migration.sh.
import { spawnSync } from "node:child_process";
import { startTestPostgres, TEMPLATE, urlOf } from "../tests/support/postgres-server.ts";

const [from, to] = process.argv.slice(2);
if (!from || !to) throw new Error("usage: pg-migration-diff.mts <before.prisma> <after.prisma>");
const server = await startTestPostgres();
try {
  const r = spawnSync(
    "npx",
    ["prisma", "migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--script"],
    {
      env: { ...process.env, DATABASE_URL: urlOf(server.adminUrl, TEMPLATE) },
      encoding: "utf8",
    },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  process.stdout.write(
    r.stdout
      .split("\n")
      .filter((l) => !l.startsWith("Loaded Prisma config"))
      .join("\n"),
  );
} finally {
  await server.stop();
}

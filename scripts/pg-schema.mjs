// Writes prisma/postgres/schema.prisma from prisma/schema.prisma: the one schema, with
// PostgreSQL as its provider and its client generated beside the SQLite one. Run by
// `npm run migration`; tests/unit/pg-schema.test.ts fails when the committed copy has drifted
// from the source (someone edited prisma/schema.prisma and did not make a migration).
import { readFileSync, writeFileSync } from "node:fs";

export function postgresSchema(source) {
  const out = source
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"\.\.\/src\/generated\/prisma"/, 'output              = "../../src/generated/prisma-pg"');
  if (out === source || !out.includes("prisma-pg") || !out.includes('"postgresql"'))
    throw new Error("prisma/schema.prisma no longer has the lines this script rewrites");
  return `// GENERATED from prisma/schema.prisma by scripts/pg-schema.mjs: edit that file, not this one.\n${out}`;
}

// With no argument: rewrites prisma/postgres/schema.prisma. With a file: prints its PostgreSQL copy.
if (import.meta.url === `file://${process.argv[1]}`) {
  const root = new URL("..", import.meta.url);
  if (process.argv[2]) process.stdout.write(postgresSchema(readFileSync(process.argv[2], "utf8")));
  else
    writeFileSync(
      new URL("prisma/postgres/schema.prisma", root),
      postgresSchema(readFileSync(new URL("prisma/schema.prisma", root), "utf8")),
    );
}

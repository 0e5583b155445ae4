// The CLI gets a driver adapter so it uses the WebAssembly schema engine bundled in the npm
// package: Prisma's binary host is unreachable on our build machines (see ../shared/TOOLCHAIN.md).
// DATABASE_URL picks the database: postgres(ql):// uses prisma/postgres (generated from
// prisma/schema.prisma by scripts/pg-schema.mjs) with the pg adapter; anything else SQLite.
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

// Default mirrors src/config.ts. The schema's env("DATABASE_URL") must resolve or the CLI
// falls back to downloading a query engine, which fails offline.
process.env.DATABASE_URL ??= "file:./data/shopops.db";
const url = process.env.DATABASE_URL;
const postgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: postgres ? "prisma/postgres/migrations" : "prisma/migrations" },
  async adapter() {
    return postgres ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url });
  },
});

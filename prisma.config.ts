// The CLI gets a driver adapter so it uses the WebAssembly schema engine bundled in the npm
// package: Prisma's binary host is unreachable on our build machines (see ../shared/TOOLCHAIN.md).
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// Default mirrors src/config.ts. The schema's env("DATABASE_URL") must resolve or the CLI
// falls back to downloading a query engine, which fails offline.
process.env.DATABASE_URL ??= "file:./data/shopops.db";
const url = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    return new PrismaBetterSQLite3({ url });
  },
});

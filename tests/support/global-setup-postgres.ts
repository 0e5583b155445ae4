// Once per test run (the "postgres" project): a real PostgreSQL (postgres-server.ts) with one
// migrated template database; each test makes its own database from it.
import { startTestPostgres, TEMPLATE } from "./postgres-server.ts";

export default async function setup({ provide }: { provide: (k: string, v: string) => void }) {
  const pg = await startTestPostgres();
  provide("dbKind", "postgres");
  provide("pgAdminUrl", pg.adminUrl);
  provide("templateDb", TEMPLATE);
  return () => pg.stop();
}

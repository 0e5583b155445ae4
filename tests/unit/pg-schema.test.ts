// One schema source: prisma/postgres/schema.prisma is generated from prisma/schema.prisma. If
// someone changes the SQLite schema without `npm run migration`, PostgreSQL would silently lag.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without types
import { postgresSchema } from "../../scripts/pg-schema.mjs";

const read = (p: string) => readFileSync(new URL(`../../${p}`, import.meta.url), "utf8");

describe("the PostgreSQL schema", () => {
  it("is exactly the SQLite schema with the PostgreSQL provider (run `npm run migration` after a schema change)", () => {
    expect(read("prisma/postgres/schema.prisma")).toBe(postgresSchema(read("prisma/schema.prisma")));
  });

  it("refuses a source it cannot rewrite rather than writing a wrong copy", () => {
    expect(() => postgresSchema('datasource db { provider = "mysql" }')).toThrow(/no longer has the lines/);
  });
});

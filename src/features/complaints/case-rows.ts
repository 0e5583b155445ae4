// Cases and their owners' languages read with plain SQL, for the clock's batches.
import { toLocale, translator, type Locale, type Translator } from "../../infra/i18n.ts";
import { marks, toBool, toDateOrNull, toDate, toNum, type Sql } from "../../infra/db/sql.ts";
import type { ComplaintCase } from "../../generated/prisma/client.ts";

const DATES = [
  "clockStartedAt",
  "deadlineAt",
  "pausedAt",
  "acknowledgedAt",
  "resolvedAt",
  "confirmedAt",
  "closedAt",
] as const;
const INTS = [
  "number",
  "tier",
  "startTier",
  "clockGen",
  "remainingMs",
  "breaches",
  "escalations",
  "satisfaction",
  "version",
] as const;

export function caseFromRow(r: Record<string, unknown>): ComplaintCase {
  const c = { ...r } as Record<string, unknown>;
  for (const k of DATES) c[k] = toDateOrNull(r[k]);
  for (const k of INTS) c[k] = r[k] === null || r[k] === undefined ? null : toNum(r[k]);
  c.createdAt = toDate(r.createdAt);
  c.vip = toBool(r.vip);
  return c as unknown as ComplaintCase;
}

export async function casesByIds(
  sql: Pick<Sql, "all" | "dialect">,
  ids: readonly string[],
): Promise<Map<string, ComplaintCase>> {
  const out = new Map<string, ComplaintCase>();
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    // The policy snapshot as text: thousands of cases share a few snapshots, and snapshotOf()
    // parses each distinct text once (jsonb would arrive parsed, one object per row).
    const policy = sql.dialect === "postgres" ? `, CAST("policy" AS TEXT) AS "policyText"` : "";
    const rows = await sql.all<Record<string, unknown>>(
      `SELECT *${policy} FROM "ComplaintCase" WHERE "id" IN (${marks(slice.length)})`,
      slice,
    );
    for (const r of rows) {
      if (r.policyText !== undefined) {
        r.policy = r.policyText;
        delete r.policyText;
      }
      out.set(String(r.id), caseFromRow(r));
    }
  }
  return out;
}

/** Each person's language as last known (chosen, else Slack's), the default for strangers. */
export async function translatorsOf(
  sql: Pick<Sql, "all">,
  userIds: readonly string[],
  fallback: Locale,
): Promise<(userId: string) => Translator> {
  const ids = [...new Set(userIds)];
  const locales = new Map<string, Locale>();
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    const rows = await sql.all<{ userId: string; locale: string | null; chosenLocale: string | null }>(
      `SELECT "userId", "locale", "chosenLocale" FROM "UserProfile" WHERE "userId" IN (${marks(slice.length)})`,
      slice,
    );
    for (const r of rows) locales.set(r.userId, toLocale(r.chosenLocale) ?? toLocale(r.locale) ?? fallback);
  }
  const cache = new Map<Locale, Translator>();
  return (userId) => {
    const l = locales.get(userId) ?? fallback;
    if (!cache.has(l)) cache.set(l, translator(l));
    return cache.get(l)!;
  };
}

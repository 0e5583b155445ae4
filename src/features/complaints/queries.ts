import { TZDate } from "@date-fns/tz";
import type { Deps } from "../../deps.ts";
import type { ComplaintCase, Prisma } from "../../generated/prisma/client.ts";
import { snapshotOf } from "./case-clock.ts";
import { buildReport } from "./report.ts";
import { casesByIds } from "./case-rows.ts";
import type { Dialect } from "../../infra/db/sql.ts";

const ACTIVE = ["open", "acknowledged", "waiting_customer"];

/** VIP first (the priority lane), then urgent, then the soonest deadline. */
export function byPriority(a: ComplaintCase, b: ComplaintCase): number {
  return (
    Number(b.vip) - Number(a.vip) ||
    Number(b.urgency === "urgent") - Number(a.urgency === "urgent") ||
    (a.deadlineAt?.getTime() ?? Infinity) - (b.deadlineAt?.getTime() ?? Infinity) ||
    a.number - b.number
  );
}

/** One page of cases, the most urgent first, with how many there are in all. */
export interface CasePage {
  cases: ComplaintCase[];
  total: number;
  vip: number;
  urgent: number;
  offset: number;
  pageSize: number;
}

export const PAGE_SIZE = 20;

/** VIP first (the priority lane), then urgent, then the soonest deadline: in the database. */
const URGENT_FIRST = [
  { vip: "desc" as const },
  { urgency: "desc" as const },
  { deadlineAt: { sort: "asc" as const, nulls: "last" as const } },
  { number: "asc" as const },
];

async function page(deps: Deps, where: Prisma.ComplaintCaseWhereInput, offset: number): Promise<CasePage> {
  const at = Math.max(0, Math.floor(offset));
  const [cases, total, vip, urgent] = await Promise.all([
    deps.db.complaintCase.findMany({ where, orderBy: URGENT_FIRST, skip: at, take: PAGE_SIZE }),
    deps.db.complaintCase.count({ where }),
    deps.db.complaintCase.count({ where: { ...where, vip: true } }),
    deps.db.complaintCase.count({ where: { ...where, urgency: "urgent" } }),
  ]);
  return { cases, total, vip, urgent, offset: at, pageSize: PAGE_SIZE };
}

/** The open cases' order, as the partial index ComplaintCase_open_order_idx holds it (migration open_cases_order). */
const OPEN = `"status" IN (${ACTIVE.map((s) => `'${s}'`).join(", ")})`;
const OPEN_ORDER = `"vip" DESC, "urgency" DESC, ("deadlineAt" IS NULL), "deadlineAt", "number"`;

/** A page of open cases' ids, in order. */
export function openPageSql(dialect: Dialect): string {
  // SQLite's planner, without statistics, would rather narrow by status and sort: told which index.
  const from = dialect === "sqlite" ? `"ComplaintCase" INDEXED BY "ComplaintCase_open_order_idx"` : `"ComplaintCase"`;
  return `SELECT "id" FROM ${from} WHERE ${OPEN} ORDER BY ${OPEN_ORDER} LIMIT ? OFFSET ?`;
}

/**
 * Every open case, a page at a time (/complaint list): on a Double 11 evening that is 10,000
 * cases, so the page is read in order from the open cases' own index (no sort of them all) and
 * the counts come from the same index in one statement.
 */
export async function openCases(deps: Deps, offset = 0): Promise<CasePage> {
  const at = Math.max(0, Math.floor(offset));
  const ids = await deps.sql.all<{ id: string }>(openPageSql(deps.sql.dialect), [PAGE_SIZE, at]);
  const counts = await deps.sql.get<{ total: unknown; vip: unknown; urgent: unknown }>(
    `SELECT COUNT(*) AS "total", SUM(CASE WHEN "vip" THEN 1 ELSE 0 END) AS "vip",
            SUM(CASE WHEN "urgency" = 'urgent' THEN 1 ELSE 0 END) AS "urgent"
     FROM "ComplaintCase" WHERE ${OPEN}`,
  );
  const rows = await casesByIds(
    deps.sql,
    ids.map((r) => r.id),
  );
  return {
    cases: ids.flatMap((r) => rows.get(r.id) ?? []),
    total: Number(counts?.total ?? 0),
    vip: Number(counts?.vip ?? 0),
    urgent: Number(counts?.urgent ?? 0),
    offset: at,
    pageSize: PAGE_SIZE,
  };
}

/** The cases waiting for this person: theirs, and their current tier's (App Home). */
export const casesFor = (deps: Deps, userId: string, offset = 0): Promise<CasePage> =>
  page(
    deps,
    { status: { in: ACTIVE }, OR: [{ ownerId: userId }, { tierPeople: { contains: `,${userId},` } }] },
    offset,
  );

/**
 * Cases opened before the case row kept its tier's people get them from their snapshot (once, at
 * start): "what needs me" then finds them too. Cases with the same people are one UPDATE.
 */
export async function backfillTierPeople(deps: Deps): Promise<number> {
  const old = await deps.db.complaintCase.findMany({
    where: { tierPeople: null },
    select: { id: true, tier: true, policy: true },
  });
  const byPeople = new Map<string, string[]>();
  for (const c of old) {
    const people = `,${snapshotOf(c)
      .tiers.filter((t) => t.tier === c.tier)
      .flatMap((t) => [...t.userIds, ...(t.userGroupId ? [`subteam^${t.userGroupId}`] : [])])
      .join(",")},`;
    byPeople.set(people, [...(byPeople.get(people) ?? []), c.id]);
  }
  for (const [people, ids] of byPeople) {
    for (let i = 0; i < ids.length; i += 500) {
      await deps.db.complaintCase.updateMany({
        where: { id: { in: ids.slice(i, i + 500) } },
        data: { tierPeople: people },
      });
    }
  }
  return old.length;
}

/** Cases opened between two local dates (inclusive) in the team's time zone. */
export async function reportFor(deps: Deps, from: string, to: string, timeZone: string) {
  const [fy, fm, fd] = from.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = to.split("-").map(Number) as [number, number, number];
  const start = new TZDate(fy, fm - 1, fd, 0, 0, timeZone);
  const end = new TZDate(ty, tm - 1, td + 1, 0, 0, timeZone);
  const cases = await deps.db.complaintCase.findMany({
    where: { createdAt: { gte: new Date(start.getTime()), lt: new Date(end.getTime()) } },
  });
  return buildReport(cases);
}

import { TZDate } from "@date-fns/tz";
import type { Deps } from "../../deps.ts";
import type { ComplaintCase } from "../../generated/prisma/client.ts";
import { isTierMember } from "./case-access.ts";
import { buildReport } from "./report.ts";

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

export async function openCases(deps: Deps): Promise<ComplaintCase[]> {
  const cases = await deps.db.complaintCase.findMany({ where: { status: { in: ACTIVE } } });
  return cases.sort(byPriority);
}

export async function casesFor(deps: Deps, userId: string): Promise<ComplaintCase[]> {
  const cases = await openCases(deps);
  return cases.filter((c) => c.ownerId === userId || isTierMember(c, userId, [c.tier]));
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

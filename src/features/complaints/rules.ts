// Complaint clocks and policy, as pure functions: no database, no Slack.
import { TZDate } from "@date-fns/tz";
import { format, getISODay } from "date-fns";

export const CAUSES = [
  "quality",
  "not_as_described",
  "logistics",
  "service_attitude",
  "slow_after_sales",
  "other",
] as const;
export type Cause = (typeof CAUSES)[number];
export const URGENCIES = ["urgent", "general"] as const;
export type Urgency = (typeof URGENCIES)[number];
export const REMEDIES = ["apology", "coupon", "partial_refund", "full_refund"] as const;
export type RemedyKind = (typeof REMEDIES)[number];
export type Status = "open" | "acknowledged" | "waiting_customer" | "resolved" | "confirmed" | "closed";
export type ClockKind = "response" | "resolution" | "none";

export interface WorkingHours {
  start: string; // "09:00"
  end: string; // "18:00"
  days: number[]; // ISO weekdays, Monday = 1
  timeZone: string;
}

export interface PolicySnapshot {
  urgentAckMs: number;
  generalResolveMs: number;
  warnPercent: number;
  tier3RepeatMs: number;
  vipStartTier: number;
  refundApprovalAbove: number;
  workingHours: WorkingHours | null;
  holidays: string[];
  tiers: { tier: number; channelId: string; userIds: string[]; userGroupId: string | null }[];
}

/** The manual's defaults: urgent answered within 2 h, general resolved within 24 h. */
export const DEFAULT_POLICY: Omit<PolicySnapshot, "tiers"> = {
  urgentAckMs: 2 * 3600_000,
  generalResolveMs: 24 * 3600_000,
  warnPercent: 75,
  tier3RepeatMs: 3600_000,
  vipStartTier: 1,
  refundApprovalAbove: 500,
  workingHours: null,
  holidays: [],
};

export function clockKindFor(urgency: Urgency): ClockKind {
  return urgency === "urgent" ? "response" : "resolution";
}

export function clockLimitMs(p: Pick<PolicySnapshot, "urgentAckMs" | "generalResolveMs">, kind: ClockKind): number {
  return kind === "response" ? p.urgentAckMs : kind === "resolution" ? p.generalResolveMs : 0;
}

export function startTierFor(vip: boolean, p: Pick<PolicySnapshot, "vipStartTier">): number {
  return vip ? Math.min(3, Math.max(1, p.vipStartTier)) : 1;
}

interface Calendar {
  workingHours: WorkingHours | null;
  holidays: string[];
}

function dayWindow(dayStart: TZDate, wh: WorkingHours, holidays: string[]): [number, number] | undefined {
  if (!wh.days.includes(getISODay(dayStart))) return undefined;
  if (holidays.includes(format(dayStart, "yyyy-MM-dd"))) return undefined;
  const [sh, sm] = wh.start.split(":").map(Number) as [number, number];
  const [eh, em] = wh.end.split(":").map(Number) as [number, number];
  const y = dayStart.getFullYear();
  const m = dayStart.getMonth();
  const d = dayStart.getDate();
  return [new TZDate(y, m, d, sh, sm, wh.timeZone).getTime(), new TZDate(y, m, d, eh, em, wh.timeZone).getTime()];
}

function startOfDayIn(t: number, timeZone: string): TZDate {
  const z = new TZDate(t, timeZone);
  return new TZDate(z.getFullYear(), z.getMonth(), z.getDate(), 0, 0, timeZone);
}

function nextDay(day: TZDate, timeZone: string): TZDate {
  return new TZDate(day.getFullYear(), day.getMonth(), day.getDate() + 1, 0, 0, timeZone);
}

/** The instant when `ms` of working time has passed since `start` (the clock stops outside hours). */
export function addWorkingTime(start: Date, ms: number, cal: Calendar): Date {
  const wh = cal.workingHours;
  if (!wh) return new Date(start.getTime() + ms);
  let left = ms;
  let t = start.getTime();
  let day = startOfDayIn(t, wh.timeZone);
  for (let i = 0; i < 3660; i++) {
    const w = dayWindow(day, wh, cal.holidays);
    if (w) {
      const from = Math.max(t, w[0]);
      if (from < w[1]) {
        if (left <= w[1] - from) return new Date(from + left);
        left -= w[1] - from;
      }
    }
    day = nextDay(day, wh.timeZone);
    t = day.getTime();
  }
  throw new Error("working hours never open: check the days and holidays of the complaint policy");
}

/** Working time between two instants. */
export function workingMsBetween(a: Date, b: Date, cal: Calendar): number {
  const wh = cal.workingHours;
  if (b <= a) return 0;
  if (!wh) return b.getTime() - a.getTime();
  let total = 0;
  let day = startOfDayIn(a.getTime(), wh.timeZone);
  while (day.getTime() < b.getTime()) {
    const w = dayWindow(day, wh, cal.holidays);
    if (w) total += Math.max(0, Math.min(w[1], b.getTime()) - Math.max(w[0], a.getTime()));
    day = nextDay(day, wh.timeZone);
  }
  return total;
}

export interface ClockPlan {
  warnAt: Date;
  deadlineAt: Date;
}

/** When to warn and when the clock runs out, for `limitMs` of working time from `start`. */
export function planClock(start: Date, limitMs: number, p: Calendar & { warnPercent: number }): ClockPlan {
  return {
    warnAt: addWorkingTime(start, Math.floor((limitMs * p.warnPercent) / 100), p),
    deadlineAt: addWorkingTime(start, limitMs, p),
  };
}

export function needsTier3Approval(
  kind: RemedyKind,
  amount: number,
  p: Pick<PolicySnapshot, "refundApprovalAbove">,
): boolean {
  return (kind === "partial_refund" || kind === "full_refund") && amount > p.refundApprovalAbove;
}

/** The ladder's order: a remedy further up costs more and needs a reason to skip rungs. */
export function ladderStep(kind: RemedyKind): number {
  return REMEDIES.indexOf(kind) + 1;
}

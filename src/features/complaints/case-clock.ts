// Arming and disarming a case's clock. Every change bumps clockGen and cancels the case's
// pending timers, so a timer planned under an older clock finds a different gen and does nothing.
import { z } from "zod";
import type { Clock } from "../../infra/clock.ts";
import type { Db } from "../../infra/db/db.ts";
import { cancelTimers, scheduleTimers, type NewTimer } from "../../scheduler/timers.ts";
import { dialectOfClient, prismaExec } from "../../infra/db/prisma-exec.ts";
import type { ComplaintCase } from "../../generated/prisma/client.ts";
import { clockLimitMs, planClock, workingMsBetween, type ClockKind, type PolicySnapshot } from "./rules.ts";

export const JOB_WARN = "complaint.warn";
export const JOB_BREACH = "complaint.breach";

export const ClockPayloadShape = z.object({ caseId: z.string(), gen: z.number().int(), seq: z.number().int() });
export interface ClockPayload {
  caseId: string;
  gen: number;
  /** The case's breach count when the timer was planned: a rerun after a crash finds it moved. */
  seq: number;
}

export const timerPrefix = (caseId: string) => `complaint:${caseId}:`;
/** The owner of every timer of a case: cancelled together by one indexed statement. */
export const timerOwner = (caseId: string) => `complaint:${caseId}`;

/** Working hours as stored: {start: "09:00", end: "18:00", days: [1..5], timeZone}. */
export const WorkingHoursShape = z.object({
  start: z.string().regex(/^\d\d:\d\d$/),
  end: z.string().regex(/^\d\d:\d\d$/),
  days: z.array(z.number().int().min(1).max(7)),
  timeZone: z.string(),
});
/** The policy copied onto a case when it opened: parsed, not trusted (it is text in the database). */
export const PolicySnapshotShape = z.object({
  urgentAckMs: z.number().positive(),
  generalResolveMs: z.number().positive(),
  warnPercent: z.number().min(0).max(100),
  tier3RepeatMs: z.number().positive(),
  vipStartTier: z.number().int().min(1).max(3),
  refundApprovalAbove: z.number().min(0),
  workingHours: WorkingHoursShape.nullable(),
  holidays: z.array(z.string()),
  tiers: z.array(
    z.object({
      tier: z.number().int(),
      channelId: z.string(),
      userIds: z.array(z.string()),
      userGroupId: z.string().nullable(),
    }),
  ),
}) satisfies z.ZodType<PolicySnapshot>;

// Thousands of cases share a handful of distinct snapshots: each is parsed once.
const parsed = new Map<string, PolicySnapshot>();

export function snapshotOf(c: { policy: unknown }): PolicySnapshot {
  // Text from SQLite's plain SQL, an object from Prisma or jsonb: the text is the cache key.
  const key = typeof c.policy === "string" ? c.policy : JSON.stringify(c.policy);
  let p = parsed.get(key);
  if (!p) {
    p = PolicySnapshotShape.parse(JSON.parse(key));
    parsed.set(key, p);
    if (parsed.size > 256) parsed.delete(parsed.keys().next().value!);
  }
  return p;
}

export type ClockFields = Pick<
  ComplaintCase,
  "clockKind" | "clockGen" | "clockStartedAt" | "deadlineAt" | "pausedAt" | "remainingMs"
>;

/**
 * The clock's new fields and its timers (the warning at a share of the full limit, then the
 * breach), for `kind` started at `start` with `limitMs` of working time (the tier's full limit
 * by default). Pure: the caller cancels the case's old timers and writes these.
 */
export function planArm(
  c: Pick<ComplaintCase, "id" | "clockGen" | "breaches" | "policy">,
  kind: ClockKind,
  start: Date,
  limitMs?: number,
): { fields: ClockFields; timers: NewTimer[] } {
  const gen = c.clockGen + 1;
  if (kind === "none")
    return {
      fields: {
        clockKind: "none",
        clockGen: gen,
        clockStartedAt: null,
        deadlineAt: null,
        pausedAt: null,
        remainingMs: null,
      },
      timers: [],
    };
  const p = snapshotOf(c);
  const limit = limitMs ?? clockLimitMs(p, kind);
  const fullLimit = clockLimitMs(p, kind);
  const plan = planClock(start, limit, p);
  const payload: ClockPayload = { caseId: c.id, gen, seq: c.breaches };
  const owner = timerOwner(c.id);
  const timers: NewTimer[] = [];
  // The warning is at a share of the full limit; a resumed clock already past it doesn't warn again.
  const usedBefore = fullLimit - limit;
  const warnMs = Math.floor((fullLimit * p.warnPercent) / 100) - usedBefore;
  if (p.warnPercent > 0 && p.warnPercent < 100 && warnMs > 0) {
    const warnAt = planClock(start, warnMs, { ...p, warnPercent: 100 }).deadlineAt;
    timers.push({ kind: JOB_WARN, key: `${timerPrefix(c.id)}g${gen}:warn`, owner, dueAt: warnAt, payload });
  }
  timers.push({
    kind: JOB_BREACH,
    key: `${timerPrefix(c.id)}g${gen}:breach:${c.breaches}`,
    owner,
    dueAt: plan.deadlineAt,
    payload,
  });
  return {
    fields: {
      clockKind: kind,
      clockGen: gen,
      clockStartedAt: start,
      deadlineAt: plan.deadlineAt,
      pausedAt: null,
      remainingMs: null,
    },
    timers,
  };
}

/** Arms the clock in a Prisma transaction: old timers cancelled, new ones written; returns the fields. */
export async function armClock(
  db: Db,
  clock: Clock,
  c: Pick<ComplaintCase, "id" | "clockGen" | "breaches" | "policy">,
  kind: ClockKind,
  start: Date,
  limitMs?: number,
): Promise<ClockFields> {
  const x = prismaExec(db, dialectOfClient(db));
  await cancelTimers(x, clock, timerOwner(c.id));
  const { fields, timers } = planArm(c, kind, start, limitMs);
  await scheduleTimers(x, clock, timers);
  return fields;
}

/** Pauses the clock (waiting for the customer), keeping the working time that is left. */
export async function pauseClock(db: Db, clock: Clock, c: ComplaintCase): Promise<Partial<ClockFields>> {
  await cancelTimers(db, clock, timerOwner(c.id));
  const now = clock.now();
  const left = c.deadlineAt ? workingMsBetween(now, c.deadlineAt, snapshotOf(c)) : 0;
  return { clockGen: c.clockGen + 1, pausedAt: now, remainingMs: Math.max(0, left) };
}

export async function resumeClock(db: Db, clock: Clock, c: ComplaintCase): Promise<ClockFields> {
  return armClock(db, clock, c, c.clockKind as ClockKind, clock.now(), c.remainingMs ?? undefined);
}

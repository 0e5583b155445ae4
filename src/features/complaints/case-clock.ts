// Arming and disarming a case's clock. Every change bumps clockGen and cancels the case's
// pending timers, so a timer planned under an older clock finds a different gen and does nothing.
import type { Clock } from "../../infra/clock.ts";
import type { Db } from "../../infra/db.ts";
import { cancelTimers, scheduleTimer } from "../../scheduler/timers.ts";
import type { ComplaintCase } from "../../generated/prisma/client.ts";
import { clockLimitMs, planClock, workingMsBetween, type ClockKind, type PolicySnapshot } from "./rules.ts";

export const JOB_WARN = "complaint.warn";
export const JOB_BREACH = "complaint.breach";

export interface ClockPayload {
  caseId: string;
  gen: number;
  /** The case's breach count when the timer was planned: a rerun after a crash finds it moved. */
  seq: number;
}

export const timerPrefix = (caseId: string) => `complaint:${caseId}:`;

export function snapshotOf(c: Pick<ComplaintCase, "policy">): PolicySnapshot {
  return JSON.parse(c.policy) as PolicySnapshot;
}

type ClockFields = Pick<ComplaintCase, "clockKind" | "clockGen" | "clockStartedAt" | "deadlineAt" | "pausedAt" | "remainingMs">;

/** Starts `kind` from `start` with `limitMs` of working time (the tier's full limit by default). */
export async function armClock(
  db: Db,
  clock: Clock,
  c: Pick<ComplaintCase, "id" | "clockGen" | "breaches" | "policy">,
  kind: ClockKind,
  start: Date,
  limitMs?: number,
): Promise<ClockFields> {
  const gen = c.clockGen + 1;
  await cancelTimers(db, clock, timerPrefix(c.id));
  if (kind === "none") {
    return { clockKind: "none", clockGen: gen, clockStartedAt: null, deadlineAt: null, pausedAt: null, remainingMs: null };
  }
  const p = snapshotOf(c);
  const limit = limitMs ?? clockLimitMs(p, kind);
  const fullLimit = clockLimitMs(p, kind);
  const plan = planClock(start, limit, p);
  const payload: ClockPayload = { caseId: c.id, gen, seq: c.breaches };
  // The warning is at a share of the full limit; a resumed clock already past it doesn't warn again.
  const usedBefore = fullLimit - limit;
  const warnMs = Math.floor((fullLimit * p.warnPercent) / 100) - usedBefore;
  if (p.warnPercent > 0 && p.warnPercent < 100 && warnMs > 0) {
    const warnAt = planClock(start, warnMs, { ...p, warnPercent: 100 }).deadlineAt;
    await scheduleTimer(db, clock, { kind: JOB_WARN, key: `${timerPrefix(c.id)}g${gen}:warn`, dueAt: warnAt, payload });
  }
  await scheduleTimer(db, clock, { kind: JOB_BREACH, key: `${timerPrefix(c.id)}g${gen}:breach:${c.breaches}`, dueAt: plan.deadlineAt, payload });
  return { clockKind: kind, clockGen: gen, clockStartedAt: start, deadlineAt: plan.deadlineAt, pausedAt: null, remainingMs: null };
}

/** Pauses the clock (waiting for the customer), keeping the working time that is left. */
export async function pauseClock(db: Db, clock: Clock, c: ComplaintCase): Promise<Partial<ClockFields>> {
  await cancelTimers(db, clock, timerPrefix(c.id));
  const now = clock.now();
  const left = c.deadlineAt ? workingMsBetween(now, c.deadlineAt, snapshotOf(c)) : 0;
  return { clockGen: c.clockGen + 1, pausedAt: now, remainingMs: Math.max(0, left) };
}

export async function resumeClock(db: Db, clock: Clock, c: ComplaintCase): Promise<ClockFields> {
  return armClock(db, clock, c, c.clockKind as ClockKind, clock.now(), c.remainingMs ?? undefined);
}

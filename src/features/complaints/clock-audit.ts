// The complaint clocks' auditor. Every running clock has a pending breach timer, written in the
// same transaction that armed the clock, so none should ever be missing; but a restore from an
// old backup, a hand edit of the database or a bug would leave a case whose clock runs with
// nothing to fire it, and a missed escalation is the worst failure this bot can have. So at start
// and every 10 minutes one statement finds running clocks with no pending or running timer, and
// re-arms each one's breach at its deadline (now, if the deadline has passed: the clock ran out
// while nobody was watching). Several replicas may audit at once: the key is deterministic and
// timers are inserted ON CONFLICT DO NOTHING, so a clock is re-armed once.
import type { Deps } from "../../deps.ts";
import { scheduleTimers, type NewTimer } from "../../scheduler/timers.ts";
import type { JobKind, RecurringJob } from "../../scheduler/types.ts";
import { toDate, toNum } from "../../infra/db/sql.ts";
import { JOB_BREACH, timerOwner, timerPrefix, type ClockPayload } from "./case-clock.ts";

export const JOB_AUDIT_CLOCKS = "complaint.auditClocks";

/** Re-arms every running clock that has no timer; returns how many it re-armed. */
export async function auditClocks(deps: Deps): Promise<number> {
  const orphans = await deps.sql.all<{ id: string; clockGen: unknown; breaches: unknown; deadlineAt: unknown }>(
    `SELECT c."id", c."clockGen", c."breaches", c."deadlineAt" FROM "ComplaintCase" c
     WHERE c."status" IN ('open', 'acknowledged') AND c."clockKind" <> 'none' AND c."deadlineAt" IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM "Timer" t WHERE t."ownerId" = 'complaint:' || c."id" AND t."status" IN ('pending', 'running'))`,
  );
  if (!orphans.length) return 0;
  const timers: NewTimer[] = orphans.map((o) => {
    const gen = toNum(o.clockGen);
    const seq = toNum(o.breaches);
    const payload: ClockPayload = { caseId: o.id, gen, seq };
    return {
      kind: JOB_BREACH,
      key: `${timerPrefix(o.id)}g${gen}:breach:${seq}:audit`,
      owner: timerOwner(o.id),
      dueAt: toDate(o.deadlineAt),
      payload,
    };
  });
  for (let i = 0; i < timers.length; i += 1000)
    await deps.sql.tx((q) => scheduleTimers(q, deps.clock, timers.slice(i, i + 1000)));
  deps.log.warn(
    { cases: orphans.length, sample: orphans.slice(0, 5).map((o) => o.id) },
    "complaint clocks without a timer re-armed",
  );
  deps.wakeScheduler();
  return orphans.length;
}

export const clockAuditJob: JobKind<Deps> = {
  kind: JOB_AUDIT_CLOCKS,
  async run(deps) {
    await auditClocks(deps);
  },
};

export const clockAuditRecurring = (): RecurringJob[] => [
  { name: "complaint-clock-audit", cron: "*/10 * * * *", timeZone: "UTC", kind: JOB_AUDIT_CLOCKS },
];

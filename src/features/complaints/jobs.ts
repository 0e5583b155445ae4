// The complaint clocks' timers: the warning before a breach, and the breach itself.
import type { Deps } from "../../deps.ts";
import type { Db } from "../../infra/db.ts";
import { formatDuration } from "../../infra/duration.ts";
import { formatInZone } from "../../infra/time.ts";
import type { JobKind, TimerJob } from "../../scheduler/types.ts";
import { scheduleTimer } from "../../scheduler/timers.ts";
import { userContext } from "../../slack/user-context.ts";
import { ACTIVE } from "./case-access.ts";
import { JOB_BREACH, JOB_WARN, snapshotOf, timerPrefix, type ClockPayload } from "./case-clock.ts";
import { escalateInTx } from "./escalate.ts";
import { logEvent, mentions, note, refreshCard, tellOwner } from "./notify.ts";
import type { Status } from "./rules.ts";

/** The case, if this timer still speaks for its clock; undefined if the clock moved on. */
async function currentCase(deps: Deps, job: TimerJob, db: Db = deps.db) {
  const p = job.payload as ClockPayload;
  const c = await db.complaintCase.findUnique({ where: { id: p.caseId } });
  if (!c || c.clockGen !== p.gen || c.breaches !== p.seq || !ACTIVE.includes(c.status as Status) || c.status === "waiting_customer") return undefined;
  return c;
}

const warn: JobKind<Deps> = {
  kind: JOB_WARN,
  async run(deps, job) {
    const c = await currentCase(deps, job);
    if (!c || !c.deadlineAt) return;
    const owner = await userContext(deps, c.ownerId);
    const clock = owner.t(c.clockKind === "response" ? "complaint.clock.response" : "complaint.clock.resolution");
    const deadline = `${formatInZone(c.deadlineAt, deps.config.DEFAULT_TIMEZONE, "MM-dd HH:mm")} (${deps.config.DEFAULT_TIMEZONE})`;
    const params = { mentions: mentions(c, c.tier), number: c.number, percent: snapshotOf(c).warnPercent, clock, deadline };
    await deps.db.$transaction(async (tx) => {
      // Keys make a rerun after a crash harmless: each message is queued at most once.
      await note(tx, deps, c, "complaint.note.warning", params, `${job.key}:note`);
      await tellOwner(tx, deps, c, owner.t, "complaint.note.warning", params, `${job.key}:owner`);
    });
  },
};

const breach: JobKind<Deps> = {
  kind: JOB_BREACH,
  async run(deps, job) {
    const c = await currentCase(deps, job);
    if (!c) return;
    const owner = await userContext(deps, c.ownerId);
    await deps.db.$transaction(async (tx) => {
      const fresh = await currentCase(deps, job, tx);
      if (!fresh) return;
      if (fresh.tier < 3) {
        await escalateInTx(tx, deps, fresh, { actorId: null, startAt: job.dueAt }, owner.t);
        return;
      }
      // Tier 3 has nowhere higher to go: remind the supervisor until someone acts.
      const p = snapshotOf(fresh);
      const deadline = `${formatInZone(fresh.deadlineAt ?? job.dueAt, deps.config.DEFAULT_TIMEZONE, "MM-dd HH:mm")} (${deps.config.DEFAULT_TIMEZONE})`;
      const params = { mentions: mentions(fresh, 3), number: fresh.number, deadline, interval: formatDuration(p.tier3RepeatMs) };
      const saved = await tx.complaintCase.update({ where: { id: fresh.id }, data: { breaches: fresh.breaches + 1 } });
      await note(tx, deps, saved, "complaint.note.tier3Overdue", params);
      await tellOwner(tx, deps, saved, owner.t, "complaint.note.tier3Overdue", params);
      await refreshCard(tx, deps, saved);
      const payload: ClockPayload = { caseId: fresh.id, gen: fresh.clockGen, seq: saved.breaches };
      await scheduleTimer(tx, deps.clock, {
        kind: JOB_BREACH,
        key: `${timerPrefix(fresh.id)}g${fresh.clockGen}:breach:${saved.breaches}`,
        dueAt: new Date(job.dueAt.getTime() + p.tier3RepeatMs * Math.max(1, Math.ceil((deps.clock.now().getTime() - job.dueAt.getTime() + 1) / p.tier3RepeatMs))),
        payload,
      });
      await logEvent(tx, deps, fresh.id, "tier3_overdue", null, { repeat: saved.breaches });
    });
    deps.wakeScheduler();
  },
};

export const complaintJobs: JobKind<Deps>[] = [warn, breach];

// The complaint clocks' timers: the warning before a breach, and the breach itself. Both run in
// batches: a burst of due clocks (a Monday morning, a backlog after an outage) is read with one
// query, planned in memory and written with a few statements, together with the timers' completion.
import { stored } from "../../infra/db/stored.ts";
import type { Deps } from "../../deps.ts";
import { channelTranslators } from "../../people/channels.ts";
import type { BatchEffect, JobKind, TimerJob } from "../../scheduler/types.ts";
import { ACTIVE } from "./case-access.ts";
import { ClockPayloadShape, JOB_BREACH, JOB_WARN, snapshotOf } from "./case-clock.ts";
import { applyCasePlans, type CasePlan, type Voices } from "./case-plan.ts";
import { casesByIds, translatorsOf } from "./case-rows.ts";
import { planEscalation, planTier3Overdue, planWarning } from "./escalate.ts";
import type { ComplaintCase } from "../../generated/prisma/client.ts";
import type { Status } from "./rules.ts";

/** This timer still speaks for the case's clock: same generation, same breach count, clock running. */
function current(c: ComplaintCase | undefined, job: TimerJob): c is ComplaintCase {
  const p = stored(ClockPayloadShape, job.payload, "complaint clock");
  return Boolean(
    c &&
    c.clockGen === p.gen &&
    c.breaches === p.seq &&
    ACTIVE.includes(c.status as Status) &&
    c.status !== "waiting_customer",
  );
}

function batchOf(
  plan: (deps: Deps, c: ComplaintCase, job: TimerJob, v: Voices) => CasePlan | undefined,
): JobKind<Deps>["runBatch"] {
  return async (deps, jobs): Promise<BatchEffect> => {
    const payloads = new Map(jobs.map((j) => [j.id, stored(ClockPayloadShape, j.payload, "complaint clock")]));
    const cases = await casesByIds(
      deps.sql,
      [...payloads.values()].map((p) => p.caseId),
    );
    const owners = await translatorsOf(
      deps.sql,
      [...cases.values()].map((c) => c.ownerId),
      deps.config.DEFAULT_LOCALE,
    );
    const now = deps.clock.now();
    // Every tier channel of every case in the batch, looked up at once.
    const channel = await channelTranslators(
      deps,
      [...cases.values()].flatMap((c) => snapshotOf(c).tiers.map((x) => x.channelId)),
    );
    const plans = new Map<string, CasePlan>();
    for (const job of jobs) {
      const c = cases.get(payloads.get(job.id)!.caseId);
      if (!current(c, job)) continue;
      const p = plan(deps, c, job, { channel, owner: owners(c.ownerId), timeZone: deps.config.DEFAULT_TIMEZONE, now });
      if (p) plans.set(job.id, p);
    }
    return async (q, owned) => {
      await applyCasePlans(
        q,
        deps.clock,
        [...plans].filter(([jobId]) => owned.has(jobId)).map(([, p]) => p),
      );
      deps.wakeScheduler();
    };
  };
}

const warn: JobKind<Deps> = {
  kind: JOB_WARN,
  runBatch: batchOf((_deps, c, job, v) => (c.deadlineAt ? planWarning(c, job.key, v) : undefined)),
};

const breach: JobKind<Deps> = {
  kind: JOB_BREACH,
  runBatch: batchOf((_deps, c, job, v) =>
    c.tier < 3 ? planEscalation(c, { actorId: null, startAt: job.dueAt }, v) : planTier3Overdue(c, job.dueAt, v),
  ),
};

export const complaintJobs: JobKind<Deps>[] = [warn, breach];

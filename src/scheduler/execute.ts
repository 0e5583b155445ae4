// Running claimed timers: a job's writes commit together with its completion, checked against
// the claim token, so a runner whose lease expired can't complete (or write) anything. A failure
// retries with backoff up to the job's attempts, then fails the timer.
import type { Clock } from "../infra/clock.ts";
import type { DbClient } from "../infra/db/db.ts";
import type { Log } from "../infra/logger.ts";
import type { Sql } from "../infra/db/sql.ts";
import { dialectOfClient, prismaExec } from "../infra/db/prisma-exec.ts";
import { occurrenceTimer } from "./recurring.ts";
import { completeTimers, failTimer, retryTimer, type Claimed } from "./timer-claims.ts";
import { scheduleTimers } from "./timers.ts";
import type { BatchEffect, Effect, JobKind, RecurringJob } from "./types.ts";
import { SimulatedCrash, type RunnerOptions } from "./runner-options.ts";

export type Handler<D> = { job: JobKind<D>; recurring?: RecurringJob };

export interface RunContext<D> {
  db: DbClient;
  sql: Sql;
  clock: Clock;
  log: Log;
  deps: D;
  opts: RunnerOptions;
}

export async function executeBatch<D>(c: RunContext<D>, h: Handler<D>, jobs: Claimed[], token: string): Promise<void> {
  let effect: BatchEffect;
  try {
    effect = await h.job.runBatch!(c.deps, jobs);
  } catch (e) {
    if (e instanceof SimulatedCrash) throw e;
    return retryOrFail(c, h, jobs, token, e);
  }
  c.opts.crashAt?.("ran", jobs);
  try {
    await c.sql.tx(async (q) => {
      const owned = await completeTimers(q, c.clock.now(), token, jobs);
      if (owned.size) await effect(q, owned);
      c.opts.crashAt?.("committing", jobs);
    });
  } catch (e) {
    if (e instanceof SimulatedCrash) throw e;
    return retryOrFail(c, h, jobs, token, e);
  }
  c.opts.crashAt?.("committed", jobs);
  c.opts.afterCommit?.();
  for (const j of jobs) c.opts.onRun?.(j, c.clock.now().getTime() - j.dueAt.getTime(), "done");
}

/** Runs one job; a recurring one writes its next occurrence in the same transaction. */
export async function executeOne<D>(c: RunContext<D>, h: Handler<D>, job: Claimed, token: string): Promise<void> {
  let effect: Effect | void;
  try {
    effect = h.job.run ? await h.job.run(c.deps, job) : undefined;
    c.opts.crashAt?.("ran", [job]);
    const next = h.recurring ? occurrenceTimer(h.recurring, laterOf(c, job.dueAt)) : undefined;
    await c.db.$transaction(async (tx) => {
      const x = prismaExec(tx, dialectOfClient(tx));
      const done = await completeTimers(x, c.clock.now(), token, [job]);
      if (done.size && effect) await effect(tx);
      if (done.size && next) await scheduleTimers(x, c.clock, [next]);
      c.opts.crashAt?.("committing", [job]);
    });
  } catch (e) {
    if (e instanceof SimulatedCrash) throw e;
    return retryOrFail(c, h, [job], token, e);
  }
  c.opts.crashAt?.("committed", [job]);
  c.opts.afterCommit?.();
  c.opts.onRun?.(job, c.clock.now().getTime() - job.dueAt.getTime(), "done");
}

// After downtime only the newest missed occurrence runs: three stale 09:00 digests in a row
// would help nobody.
function laterOf(c: RunContext<unknown>, dueAt: Date): Date {
  return new Date(Math.max(dueAt.getTime(), c.clock.now().getTime()));
}

async function retryOrFail<D>(
  c: RunContext<D>,
  h: Handler<D>,
  jobs: Claimed[],
  token: string,
  e: unknown,
): Promise<void> {
  const max = h.job.maxAttempts ?? 5;
  const message = ((e as Error).message ?? String(e)).slice(0, 500);
  const now = c.clock.now();
  for (const j of jobs) {
    c.log.error({ err: e, kind: j.kind, key: j.key, attempt: j.attempts }, "timer job failed");
    const lateness = now.getTime() - j.dueAt.getTime();
    if (j.attempts >= max) {
      await c.sql.tx(async (q) => {
        const n = await failTimer(q, j.id, token, message, now);
        if (n && h.recurring) await scheduleTimers(q, c.clock, [occurrenceTimer(h.recurring, laterOf(c, j.dueAt))]);
      });
      c.opts.onRun?.(j, lateness, "failed");
    } else {
      const backoff = Math.min(600_000, 5000 * 2 ** (j.attempts - 1));
      await retryTimer(c.sql, j.id, token, message, new Date(now.getTime() + backoff));
      c.opts.onRun?.(j, lateness, "retry");
    }
  }
}

import { CronExpressionParser } from "cron-parser";
import { z } from "zod";
import type { Clock } from "../infra/clock.ts";
import { marks, type Sql } from "../infra/db/sql.ts";
import { storedOr } from "../infra/db/stored.ts";
import { scheduleTimers, type NewTimer } from "./timers.ts";
import type { RecurringJob } from "./types.ts";

// node-cron fires from the wall clock and cannot say "the next 09:00 after this instant" for an
// injected clock; cron-parser computes occurrences from any instant in any time zone, which is
// what durable, restart-safe occurrences need.
export function nextOccurrence(cron: string, timeZone: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: timeZone }).next().toDate();
}

export function isValidCron(cron: string): boolean {
  try {
    CronExpressionParser.parse(cron);
    return true;
  } catch {
    return false;
  }
}

export function occurrenceKey(name: string, at: Date): string {
  return `cron:${name}:${at.toISOString()}`;
}

/**
 * A team's cadence ("09:30 every day", "09:00 on Mondays") as a cron expression: the one way
 * recurring sends (digests, briefings, the housekeeping jobs) are planned. `weekday` is ISO
 * (Monday 1 … Sunday 7), as people and the database say it.
 */
export function cadenceCron(c: { time: string; weekday?: number | null }): string {
  const [h, m] = c.time.split(":").map(Number);
  return `${m} ${h} * * ${c.weekday ? c.weekday % 7 : "*"}`;
}

/** The next occurrence of `cron` in `timeZone` strictly after `after`, and its local date. */
export function nextLocal(cron: string, timeZone: string, after: Date): { at: Date; date: string } {
  const at = nextOccurrence(cron, timeZone, after);
  const date = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    at,
  );
  return { at, date };
}

export const RECURRING_KIND_PREFIX = "recurring:";

/** The timer row of a recurring job's next occurrence after `after` (its key makes it unique). */
export function occurrenceTimer(job: RecurringJob, after: Date): NewTimer {
  const at = nextOccurrence(job.cron, job.timeZone, after);
  return {
    kind: RECURRING_KIND_PREFIX + job.name,
    key: occurrenceKey(job.name, at),
    owner: `cron:${job.name}`,
    dueAt: at,
    payload: { name: job.name, occurrence: at.toISOString(), cron: job.cron, timeZone: job.timeZone },
  };
}

/**
 * Each recurring job's next occurrence, written down once: a job with an occurrence pending (or
 * running) under its current schedule is left alone; one whose schedule changed since is planned
 * again from the new schedule. Safe to call at every start, from every replica.
 */
export async function ensureOccurrences(sql: Sql, clock: Clock, jobs: readonly RecurringJob[]): Promise<void> {
  for (const job of jobs) {
    const pending = await sql.all<{ id: string; payload: unknown }>(
      `SELECT "id", "payload" FROM "Timer" WHERE "ownerId" = ? AND "status" IN ('pending', 'running')`,
      [`cron:${job.name}`],
    );
    const current = pending.find((p) => {
      const x = storedOr(
        z.object({ cron: z.string().optional(), timeZone: z.string().optional() }).loose(),
        p.payload,
        {},
      );
      return x.cron === job.cron && x.timeZone === job.timeZone;
    });
    const stale = pending.filter((p) => p !== current).map((p) => p.id);
    if (stale.length)
      await sql.run(
        `UPDATE "Timer" SET "status" = 'cancelled' WHERE "status" = 'pending' AND "id" IN (${marks(stale.length)})`,
        stale,
      );
    if (!current) await scheduleTimers(sql, clock, [occurrenceTimer(job, clock.now())]);
  }
}

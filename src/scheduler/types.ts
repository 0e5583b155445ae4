import type { Db } from "../infra/db/db.ts";
import type { Sql } from "../infra/db/sql.ts";

export interface TimerJob {
  id: string;
  kind: string;
  key: string;
  payload: unknown;
  dueAt: Date;
  attempts: number;
}

/** A job's writes: run by the runner in one transaction with the timer's completion. */
export type Effect = (tx: Db) => Promise<void>;

/** A batch's writes on plain SQL: `owned` are the timers this run still holds (and completes). */
export type BatchEffect = (q: Sql, owned: ReadonlySet<string>) => Promise<void>;

/**
 * A kind of timer a feature registers. `run` reads and decides, then returns its writes: the
 * runner commits them together with marking the timer done, so a crash anywhere before that
 * commit leaves both undone (the timer runs again after its lease) and a crash after it leaves
 * both done. Nothing is lost and nothing happens twice. Hot kinds implement `runBatch` to handle
 * many due timers with a few set-based statements.
 */
export interface JobKind<D> {
  kind: string;
  run?(deps: D, job: TimerJob): Promise<Effect | void>;
  runBatch?(deps: D, jobs: TimerJob[]): Promise<BatchEffect>;
  /** Attempts before the timer is marked failed (default 5). */
  maxAttempts?: number;
}

/** A recurring job: a cron expression read in a time zone, e.g. "0 9 * * *" in Asia/Shanghai. */
export interface RecurringJob {
  name: string;
  cron: string;
  timeZone: string;
  /** The job kind that runs each occurrence; it receives { name, occurrence } as payload. */
  kind: string;
}

/** A job's payload read with its shape (a timer row may be older than this version, or edited). */

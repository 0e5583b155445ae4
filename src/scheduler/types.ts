export interface TimerJob {
  id: string;
  kind: string;
  key: string;
  payload: unknown;
  dueAt: Date;
  attempts: number;
}

/** A kind of timer a feature registers: what to do when one comes due. */
export interface JobKind<D> {
  kind: string;
  run(deps: D, job: TimerJob): Promise<void>;
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

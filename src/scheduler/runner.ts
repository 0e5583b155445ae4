// Runs due timers. Each timer is claimed with a conditional update (status + version), so only
// one runner acts on it; the claim carries a lease, and a runner that dies mid-job leaves a lease
// that expires, after which the timer is claimed and run again.
import { outsideTransaction, type DbClient } from "../infra/db.ts";
import type { Clock } from "../infra/clock.ts";
import type { Log } from "../infra/logger.ts";
import type { JobKind, RecurringJob, TimerJob } from "./types.ts";
import { scheduleTimer } from "./timers.ts";
import { nextOccurrence, occurrenceKey } from "./recurring.ts";

export const RECURRING_KIND_PREFIX = "recurring:";

export interface RunnerOptions {
  leaseMs?: number;
  /** Longest sleep between passes, so timers written by another replica are seen. */
  maxSleepMs?: number;
  onRun?: (job: TimerJob, latenessMs: number, outcome: "done" | "retry" | "failed") => void;
}

export class Scheduler<D> {
  private kinds = new Map<string, JobKind<D>>();
  private recurring = new Map<string, RecurringJob>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private leaseMs: number;
  private maxSleepMs: number;

  constructor(
    private db: DbClient,
    private clock: Clock,
    private log: Log,
    private deps: D,
    private opts: RunnerOptions = {},
  ) {
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.maxSleepMs = opts.maxSleepMs ?? 30_000;
  }

  register(kind: JobKind<D>): void {
    if (this.kinds.has(kind.kind)) throw new Error(`job kind registered twice: ${kind.kind}`);
    this.kinds.set(kind.kind, kind);
  }

  registerRecurring(job: RecurringJob): void {
    this.recurring.set(job.name, job);
  }

  /** Makes sure each recurring job has its next occurrence written down. Safe to call repeatedly. */
  async ensureRecurring(): Promise<void> {
    for (const job of this.recurring.values()) {
      const pending = await this.db.timer.findFirst({
        where: { kind: RECURRING_KIND_PREFIX + job.name, status: { in: ["pending", "running"] } },
      });
      if (pending) {
        const p = JSON.parse(pending.payload) as { cron?: string; timeZone?: string };
        if (p.cron === job.cron && p.timeZone === job.timeZone) continue;
        // The schedule changed since this occurrence was planned: plan from the new one.
        await this.db.timer.updateMany({ where: { id: pending.id, status: "pending" }, data: { status: "cancelled" } });
      }
      await this.planNext(job, this.clock.now());
    }
  }

  private async planNext(job: RecurringJob, after: Date): Promise<void> {
    const at = nextOccurrence(job.cron, job.timeZone, after);
    await scheduleTimer(this.db, this.clock, {
      kind: RECURRING_KIND_PREFIX + job.name,
      key: occurrenceKey(job.name, at),
      dueAt: at,
      payload: { name: job.name, occurrence: at.toISOString(), cron: job.cron, timeZone: job.timeZone },
    });
  }

  // After downtime only the newest missed occurrence runs: three stale 09:00 digests in a row
  // would help nobody.
  private laterOf(dueAt: Date): Date {
    return new Date(Math.max(dueAt.getTime(), this.clock.now().getTime()));
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.ensureRecurring();
    this.wake(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Wake the runner now: a feature just wrote a timer that may be due sooner than planned. */
  wake(delayMs = 5): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = outsideTransaction(() => setTimeout(() => void this.loop(), delayMs));
  }

  private async loop(): Promise<void> {
    if (this.running) return void (await this.running, this.wake());
    this.running = (async () => {
      let sleep = this.maxSleepMs;
      try {
        await this.runDue();
        sleep = await this.msUntilNext();
      } catch (e) {
        this.log.error({ err: e }, "scheduler pass failed");
        sleep = 1000;
      }
      this.running = undefined;
      if (!this.stopped) this.wake(Math.max(5, Math.min(sleep, this.maxSleepMs)));
    })();
    await this.running;
  }

  async msUntilNext(): Promise<number> {
    const next = await this.db.timer.findFirst({
      where: { status: "pending" },
      orderBy: { dueAt: "asc" },
      select: { dueAt: true },
    });
    const lease = await this.db.timer.findFirst({
      where: { status: "running" },
      orderBy: { leaseUntil: "asc" },
      select: { leaseUntil: true },
    });
    const now = this.clock.now().getTime();
    const times = [next?.dueAt.getTime(), lease?.leaseUntil?.getTime()].filter((x): x is number => x !== undefined);
    return times.length ? Math.max(0, Math.min(...times) - now) : this.maxSleepMs;
  }

  /** Runs every timer due at the clock's now. Returns how many ran. Tests call this directly. */
  async runDue(): Promise<number> {
    let ran = 0;
    for (;;) {
      const now = this.clock.now();
      const candidates = await this.db.timer.findMany({
        where: {
          OR: [
            { status: "pending", dueAt: { lte: now } },
            { status: "running", leaseUntil: { lt: now } },
          ],
        },
        orderBy: { dueAt: "asc" },
        take: 20,
      });
      if (candidates.length === 0) return ran;
      let claimedAny = false;
      for (const c of candidates) {
        const claim = await this.db.timer.updateMany({
          where: { id: c.id, version: c.version, status: c.status },
          data: {
            status: "running",
            version: { increment: 1 },
            attempts: { increment: 1 },
            leaseUntil: new Date(now.getTime() + this.leaseMs),
          },
        });
        if (claim.count !== 1) continue;
        claimedAny = true;
        await this.execute({ ...c, attempts: c.attempts + 1, version: c.version + 1 });
        ran++;
      }
      if (!claimedAny) return ran;
    }
  }

  private async execute(row: { id: string; kind: string; key: string; payload: string; dueAt: Date; attempts: number; version: number }) {
    const job: TimerJob = { id: row.id, kind: row.kind, key: row.key, payload: JSON.parse(row.payload), dueAt: row.dueAt, attempts: row.attempts };
    const lateness = this.clock.now().getTime() - row.dueAt.getTime();
    const recurring = row.kind.startsWith(RECURRING_KIND_PREFIX) ? this.recurring.get(row.kind.slice(RECURRING_KIND_PREFIX.length)) : undefined;
    const handler = recurring ? this.kinds.get(recurring.kind) : this.kinds.get(row.kind);
    const finish = (data: Record<string, unknown>) =>
      // Guarded by version: if the lease expired and another runner took over, this one's result is dropped.
      this.db.timer.updateMany({ where: { id: row.id, version: row.version }, data: { leaseUntil: null, ...data } });
    if (!handler) {
      await finish({ status: "failed", lastError: `no handler for ${row.kind}`, finishedAt: this.clock.now() });
      this.log.error({ kind: row.kind, key: row.key }, "timer has no handler");
      return;
    }
    try {
      await handler.run(this.deps, job);
      await finish({ status: "done", finishedAt: this.clock.now(), lastError: null });
      if (recurring) await this.planNext(recurring, this.laterOf(row.dueAt));
      this.opts.onRun?.(job, lateness, "done");
    } catch (e) {
      const max = handler.maxAttempts ?? 5;
      const message = (e as Error).message ?? String(e);
      this.log.error({ err: e, kind: row.kind, key: row.key, attempt: row.attempts }, "timer job failed");
      if (row.attempts >= max) {
        await finish({ status: "failed", lastError: message, finishedAt: this.clock.now() });
        if (recurring) await this.planNext(recurring, this.laterOf(row.dueAt));
        this.opts.onRun?.(job, lateness, "failed");
      } else {
        const backoff = Math.min(600_000, 5000 * 2 ** (row.attempts - 1));
        await finish({ status: "pending", lastError: message, dueAt: new Date(this.clock.now().getTime() + backoff) });
        this.opts.onRun?.(job, lateness, "retry");
      }
    }
  }
}

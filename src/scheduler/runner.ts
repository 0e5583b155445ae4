// Runs due timers. A pass claims due timers in batches with one statement each (status, a new
// claim token and a lease; on PostgreSQL with SKIP LOCKED so replicas never take the same row),
// runs them, and commits each job's writes together with its completion, checked against the
// claim token: a runner whose lease expired can't complete (or write) anything. Between batches
// the pass yields to the event loop, so Slack's requests are answered while a backlog drains.
import { randomUUID } from "node:crypto";
import type { Clock } from "../infra/clock.ts";
import { type DbClient } from "../infra/db/db.ts";
import { WakeLoop, yieldToLoop } from "../infra/wake-loop.ts";
import type { Log } from "../infra/logger.ts";
import { toDate, type Sql } from "../infra/db/sql.ts";
import { ensureOccurrences, RECURRING_KIND_PREFIX } from "./recurring.ts";
import { claimTimers, failTimers, type Claimed } from "./timer-claims.ts";
import { executeBatch, executeOne, type Handler, type RunContext } from "./execute.ts";
import type { JobKind, RecurringJob } from "./types.ts";
import { SimulatedCrash, type RunnerOptions } from "./runner-options.ts";
import { BatchSizer } from "./batch-size.ts";

export class Scheduler<D> {
  private kinds = new Map<string, JobKind<D>>();
  private recurring = new Map<string, RecurringJob>();
  /** Timers this instance is running now (by id). */
  private inFlight = new Set<string>();
  private readonly loop: WakeLoop;
  private readonly leaseMs: number;
  private readonly maxSleepMs: number;
  private readonly batch: BatchSizer;
  private readonly ctx: RunContext<D>;

  constructor(
    private db: DbClient,
    private sql: Sql,
    private clock: Clock,
    private log: Log,
    private deps: D,
    private opts: RunnerOptions = {},
  ) {
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.maxSleepMs = opts.maxSleepMs ?? 30_000;
    this.batch = new BatchSizer(sql.dialect, { fixed: opts.batchSize, sliceMs: opts.sliceMs ?? 8 });
    this.ctx = { db, sql, clock, log, deps, opts };
    this.loop = new WakeLoop({
      name: "scheduler",
      clock,
      log,
      pass: () => this.runDue(true),
      nextAt: async () => clock.now().getTime() + (await this.msUntilNext()),
      maxSleepMs: this.maxSleepMs,
      fatal: (e) => e instanceof SimulatedCrash,
    });
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
    await ensureOccurrences(this.sql, this.clock, [...this.recurring.values()]);
  }

  async start(): Promise<void> {
    await this.ensureRecurring();
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    this.batch.stop();
  }

  /** Wake the runner now: a feature just wrote a timer that may be due sooner than planned. */
  wake(): void {
    this.loop.wake();
  }

  async msUntilNext(): Promise<number> {
    const due = await this.sql.get<{ at: unknown }>(
      `SELECT MIN("dueAt") AS "at" FROM "Timer" WHERE "status" = 'pending'`,
    );
    const lease = await this.sql.get<{ at: unknown }>(
      `SELECT MIN("leaseUntil") AS "at" FROM "Timer" WHERE "status" = 'running'`,
    );
    const now = this.clock.now().getTime();
    const times = [due?.at, lease?.at].filter((x) => x !== null && x !== undefined).map((x) => toDate(x).getTime());
    return times.length ? Math.max(0, Math.min(...times) - now) : this.maxSleepMs;
  }

  /**
   * Runs every timer due at the clock's now, batch after batch. Returns how many ran. Tests call
   * it directly; the runner's own passes yield to the event loop between batches.
   */
  async runDue(yielding = false): Promise<number> {
    let ran = 0;
    for (;;) {
      const batch = await this.claim();
      if (batch.jobs.length === 0) return ran;
      this.batch.begin();
      for (const j of batch.jobs) this.inFlight.add(j.id);
      try {
        await this.execute(batch.jobs, batch.token);
      } finally {
        for (const j of batch.jobs) this.inFlight.delete(j.id);
      }
      ran += batch.jobs.length;
      this.batch.end(batch.jobs.length);
      if (yielding) {
        await yieldToLoop();
        if (this.loop.isStopped) return ran;
      }
    }
  }

  /** Claims up to batchSize timers: leases that ran out first, then the most overdue pending ones. */
  private async claim(): Promise<{ jobs: Claimed[]; token: string }> {
    const token = randomUUID();
    // Timers this process is still running are never taken again by it, even when their lease
    // ran out on a clock that jumped (a test's, the sandbox's): only another replica may
    // conclude, after the lease, that this one died.
    const jobs = await claimTimers(this.sql, {
      now: this.clock.now(),
      leaseMs: this.leaseMs,
      token,
      limit: this.batch.size,
      notMine: [...this.inFlight],
    });
    if (jobs.length) this.opts.crashAt?.("claimed", jobs);
    return { jobs, token };
  }

  private handlerOf(kind: string): Handler<D> | undefined {
    if (kind.startsWith(RECURRING_KIND_PREFIX)) {
      const recurring = this.recurring.get(kind.slice(RECURRING_KIND_PREFIX.length));
      const job = recurring && this.kinds.get(recurring.kind);
      return job ? { job, recurring } : undefined;
    }
    const job = this.kinds.get(kind);
    return job ? { job } : undefined;
  }

  private async execute(jobs: Claimed[], token: string): Promise<void> {
    const groups = new Map<string, Claimed[]>();
    for (const j of jobs) groups.set(j.kind, [...(groups.get(j.kind) ?? []), j]);
    for (const [kind, group] of groups) {
      const h = this.handlerOf(kind);
      if (!h) {
        this.log.error({ kind }, "timer has no handler");
        await failTimers(
          this.sql,
          group.map((j) => j.id),
          token,
          `no handler for ${kind}`,
          this.clock.now(),
        );
        continue;
      }
      if (h.job.runBatch && !h.recurring) await executeBatch(this.ctx, h, group, token);
      else {
        for (const j of group) {
          await executeOne(this.ctx, h, j, token);
          await yieldToLoop();
        }
      }
    }
  }
}

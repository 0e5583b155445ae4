// Delivers outbox rows to Slack, lane by lane (see outbox.ts). A pass claims the lanes whose
// next message is due (one statement; on PostgreSQL with SKIP LOCKED so replicas never share a
// lane), takes each lane's oldest queued message, and sends them concurrently. Slack's limits
// live in the database, shared by every replica: a lane's next time (about one message a second
// per channel, a backoff after a 5xx) and a 429's pause of the whole method. A lane whose head
// waits in backoff holds the messages behind it: nothing overtakes.
import { randomUUID } from "node:crypto";
import type { Clock } from "../infra/clock.ts";
import type { Log } from "../infra/logger.ts";
import { toDate, type Sql } from "../infra/db/sql.ts";
import { WakeLoop } from "../infra/wake-loop.ts";
import { SlackCallError, type CallFailure } from "./api.ts";
import type { SlackApi } from "../deps.ts";
import type { NameOf } from "./delivery/mentions.ts";
import { dmRollupPaceMs, type DeliverySettings } from "./delivery/settings.ts";
import { claimHeads } from "./sender-claim.ts";
import { deferEdits, foldLane } from "./delivery/fold.ts";
import { deliver, FoldedWithParent, methodOf } from "./sender-deliver.ts";
import { type OutboxRow } from "./outbox-row.ts";
import { Limiter } from "../infra/limiter.ts";
import type { Result } from "./sender-outcome.ts";
import { OutcomeWriter } from "./sender-outcomes.ts";
import { BacklogStats } from "./delivery/backlog-stats.ts";
import { plainFollowUp, type CapabilityFollowUp } from "./capability/follow-up.ts";

export interface SenderOptions {
  /** Slack allows about one message per second per channel. */
  perChannelIntervalMs?: number;
  /** Grouping and Slack's budgets (see delivery/settings.ts); without: no budgets, no waiting. */
  delivery?: Partial<Omit<DeliverySettings, "paceMs">>;
  /** People's names, for roll-ups and mentions past their budget. */
  nameOf?: NameOf;
  leaseMs?: number;
  /** A message still undeliverable after this long is marked failed instead of retried forever. */
  maxAgeMs?: number;
  /** Messages in flight at once (each in its own lane). */
  concurrency?: number;
  /** Longest sleep between passes: another replica may have queued something. */
  maxSleepMs?: number;
  onOutcome?: (outcome: "sent" | "failed" | "retry", row: OutboxRow) => void;
  /** Called once a message has failed for good (after it is marked failed). */
  onFailed?: (row: OutboxRow, reason: string) => Promise<void>;
  /** Queues what follows a canvas or List (capability/follow-up.ts); without: the channel's message alone. */
  capabilityFollowUp?: CapabilityFollowUp;
}

export class OutboxSender {
  private readonly token = randomUUID();
  private readonly o: Required<Omit<SenderOptions, "onOutcome" | "onFailed" | "delivery" | "capabilityFollowUp">> &
    Pick<SenderOptions, "onOutcome" | "onFailed" | "capabilityFollowUp">;
  private readonly settings: DeliverySettings;
  private inFlight = new Map<string, Promise<void>>();
  /** The lane of each message in flight, by message id. */
  private inFlightLanes = new Map<string, string>();
  private folding = new Limiter(2);
  private readonly loop: WakeLoop;
  private readonly outcomes: OutcomeWriter;
  private readonly stats: BacklogStats;

  constructor(
    private sql: Sql,
    private clock: Clock,
    private api: SlackApi,
    private log: Log,
    opts: SenderOptions = {},
  ) {
    this.o = {
      perChannelIntervalMs: 1000,
      leaseMs: 60_000,
      maxAgeMs: 24 * 3600_000,
      concurrency: 16,
      maxSleepMs: 5_000,
      nameOf: async () => new Map(),
      ...opts,
    };
    this.settings = {
      paceMs: this.o.perChannelIntervalMs,
      rollups: true,
      queueBudgetMs: 10_000,
      groupWaitMs: 0,
      groupIntervalMs: 60_000,
      budgets: { limits: {}, reserve: {} },
      ...opts.delivery,
    };
    this.loop = new WakeLoop({
      name: "outbox",
      clock,
      log,
      pass: () => this.pass(),
      nextAt: () => this.nextAt(),
      maxSleepMs: this.o.maxSleepMs,
    });
    this.stats = new BacklogStats(sql, clock, log);
    this.outcomes = new OutcomeWriter(sql, () => ({
      token: this.token,
      now: this.clock.now(),
      paceMs: this.o.perChannelIntervalMs,
    }));
  }

  start(): void {
    this.loop.start();
  }

  /** Stops claiming; resolves once the messages in flight have finished. */
  async stop(): Promise<void> {
    await this.loop.stop();
    await Promise.all(this.inFlight.values());
  }

  /** Look for due messages now (after an enqueue). */
  kick(): void {
    this.loop.wake();
  }

  /** One pass: claims due lanes up to the free concurrency and starts their heads. Tests call it. */
  async pass(): Promise<number> {
    const free = this.o.concurrency - this.inFlight.size;
    if (free <= 0) return 0;
    await this.stats.check();
    const now = this.clock.now();
    const claimed = await claimHeads(this.sql, {
      token: this.token,
      now,
      lease: new Date(now.getTime() + this.o.leaseMs),
      free,
      busy: [...this.inFlightLanes.values()],
      settings: this.settings,
    });
    for (const lane of claimed.defers) this.track(lane, () => deferEdits(this.sql, lane, this.token, this.clock.now()));
    for (const f of claimed.folds)
      this.track(f.lane, () => foldLane(this.sql, this.settings, f, this.token, this.clock.now()));
    for (const row of claimed.heads) {
      const p = this.handle(row).finally(() => {
        this.inFlight.delete(row.id);
        this.inFlightLanes.delete(row.id);
        this.kick();
      });
      this.inFlight.set(row.id, p);
      this.inFlightLanes.set(row.id, row.lane);
    }
    return claimed.heads.length + claimed.folds.length + claimed.defers.length;
  }

  /**
   * Runs work on a lane this sender holds (a fold), counted in flight like a send. At most two at
   * a time: folds are the sender's heaviest transactions, and the timers need connections too.
   */
  private track(lane: string, work: () => Promise<void>): void {
    const key = `work:${lane}`;
    const p = this.folding
      .run(work)
      .catch((e) => this.log.error({ err: e, lane }, "outbox could not fold a lane; it is retried after the lease"))
      .finally(() => {
        this.inFlight.delete(key);
        this.inFlightLanes.delete(key);
        this.kick();
      });
    this.inFlight.set(key, p);
    this.inFlightLanes.set(key, lane);
  }

  /** Sends claimed rows until no lane is due; for tests that drive the sender by hand. */
  async drain(): Promise<void> {
    for (;;) {
      this.loop.takeAgain();
      const n = await this.pass();
      if (n === 0 && this.inFlight.size === 0 && !this.loop.takeAgain()) return;
      await Promise.all(this.inFlight.values());
    }
  }

  /** When the earliest lane is due; none while every slot is busy (a finishing send kicks). */
  private async nextAt(): Promise<number | null> {
    if (this.inFlight.size >= this.o.concurrency) return null;
    const next = await this.sql.get<{ at: unknown }>(
      `SELECT MIN("nextAt") AS "at" FROM "OutboxLane" WHERE "nextAt" IS NOT NULL`,
    );
    return next?.at ? toDate(next.at).getTime() : this.clock.now().getTime() + this.o.maxSleepMs;
  }

  private async handle(row: OutboxRow): Promise<void> {
    const method = methodOf(row.kind);
    let result: Result;
    try {
      const ctx = {
        now: this.clock.now(),
        nameOf: this.o.nameOf,
        mentionIntervalMs: this.settings.groupIntervalMs,
        dmPageEveryMs: dmRollupPaceMs(this.settings),
        capabilityFollowUp: this.o.capabilityFollowUp ?? plainFollowUp(this.sql, this.clock),
      };
      const r = await deliver(this.sql, this.api, row, ctx);
      result = r === "superseded" ? { kind: "superseded" } : { kind: "sent", ...r };
    } catch (e) {
      if (e instanceof FoldedWithParent) return this.record(row, method, { kind: "folded", rollupId: e.rollupId });
      const failure: CallFailure =
        e instanceof SlackCallError ? e.failure : { type: "transient", reason: (e as Error).message ?? "error" };
      const tooOld = this.clock.now().getTime() - row.createdAt.getTime() > this.o.maxAgeMs;
      if (failure.type === "permanent") result = { kind: "failed", reason: failure.reason };
      else if (tooOld)
        result = {
          kind: "failed",
          reason: `gave_up_after_${row.attempts}_attempts:${"reason" in failure ? failure.reason : "ratelimited"}`,
        };
      else result = { kind: "retry", failure };
    }
    await this.record(row, method, result);
  }

  /** Writes the outcome of one claimed message (a group commit, see sender-outcome.ts), then reports it. */
  private record(row: OutboxRow, method: string, r: Result): Promise<void> {
    return this.outcomes.write(row, method, r).then((done) => this.afterRecord(row, method, r, done));
  }

  private async afterRecord(row: OutboxRow, method: string, r: Result, done: boolean): Promise<void> {
    if (!done) {
      // The lease ran out while Slack answered and another sender took the message over.
      this.log.warn({ outboxId: row.id }, "outbox result dropped: the claim had expired");
      return;
    }
    if (r.kind === "sent") this.o.onOutcome?.("sent", row);
    else if (r.kind === "retry") {
      if (r.failure.type === "ratelimited")
        this.log.warn({ method, retryAfterMs: r.failure.retryAfterMs }, "slack rate limited");
      this.o.onOutcome?.("retry", row);
    } else if (r.kind === "failed") {
      this.log.warn(
        { outboxId: row.id, kind: row.kind, channel: row.channel, reason: r.reason },
        "message failed permanently",
      );
      this.o.onOutcome?.("failed", row);
      await this.o
        .onFailed?.(row, r.reason)
        .catch((e) => this.log.error({ err: e, outboxId: row.id }, "could not tell anyone of a failed message"));
    }
  }
}

// Delivers outbox rows to Slack. Rows are claimed with a conditional update and a lease, so a
// crash mid-send leaves the row to be retried after the lease, and a second replica never sends
// the same row at the same time. Slack's limits are honoured here, not by callers.
import type { DbClient } from "../infra/db.ts";
import { monotonicMs, type Clock } from "../infra/clock.ts";
import { outsideTransaction } from "../infra/db.ts";
import type { Log } from "../infra/logger.ts";
import { SlackCallError, type CallFailure, type SlackApi } from "./api.ts";
import type { MessageBody } from "./outbox.ts";

type Row = Awaited<ReturnType<DbClient["outboxMessage"]["findFirstOrThrow"]>>;

export interface SenderOptions {
  /** Slack allows about one message per second per channel. */
  perChannelIntervalMs?: number;
  leaseMs?: number;
  /** A message still undeliverable after this long is marked failed instead of retried forever. */
  maxAgeMs?: number;
  batchSize?: number;
  onOutcome?: (outcome: "sent" | "failed" | "retry", row: Row) => void;
  /** Called once a message has failed for good (after it is marked failed). */
  onFailed?: (row: Row, reason: string) => Promise<void>;
}

const methodOf: Record<string, string> = {
  post: "chat.postMessage",
  update: "chat.update",
  ephemeral: "chat.postEphemeral",
  respond: "response_url",
  file: "files.completeUploadExternal",
};

export class OutboxSender {
  // Slack's limits are about real elapsed time, so pacing uses a monotonic clock even when the
  // injected clock (which dates the rows) is a test's frozen one.
  private channelNextAt = new Map<string, number>();
  private methodPausedUntil = new Map<string, number>();
  private deferredUntil = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly o: Required<Omit<SenderOptions, "onOutcome" | "onFailed">> & Pick<SenderOptions, "onOutcome" | "onFailed">;

  constructor(
    private db: DbClient,
    private clock: Clock,
    private api: SlackApi,
    private log: Log,
    opts: SenderOptions = {},
  ) {
    this.o = {
      perChannelIntervalMs: 1000,
      leaseMs: 60_000,
      maxAgeMs: 24 * 3600_000,
      batchSize: 50,
      ...opts,
    };
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  /** Stops waking up; resolves once the pass in flight (if any) has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  kick(delayMs = 5): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = outsideTransaction(() => setTimeout(() => void this.loop(), delayMs));
  }

  private async loop(): Promise<void> {
    if (this.running) return void (await this.running, this.kick());
    this.running = (async () => {
      let wakeIn = 5000;
      try {
        wakeIn = await this.drainOnce();
      } catch (e) {
        this.log.error({ err: e }, "outbox pass failed");
      }
      this.running = undefined;
      if (!this.stopped) this.kick(Math.max(5, Math.min(wakeIn, 5000)));
    })();
    await this.running;
  }

  /**
   * One pass: sends every row that is due and allowed by the rate limits. Returns how long until
   * something may next be due, in ms. Tests call this directly.
   */
  async drainOnce(): Promise<number> {
    const now = this.clock.now();
    const rows = await this.db.outboxMessage.findMany({
      where: {
        OR: [
          { status: "pending", nextAttemptAt: { lte: now } },
          { status: "sending", leaseUntil: { lt: now } },
        ],
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: this.o.batchSize,
    });
    const busyChannels = new Set<string>();
    const batch: Row[] = [];
    let wakeIn = Infinity;
    for (const row of rows) {
      const lane = this.laneOf(row);
      const method = methodOf[row.kind] ?? "chat.postMessage";
      const pausedUntil = this.methodPausedUntil.get(method) ?? 0;
      const channelAt = lane ? (this.channelNextAt.get(lane) ?? 0) : 0;
      const readyAt = Math.max(pausedUntil, channelAt, this.deferredUntil.get(row.id) ?? 0);
      const realNow = monotonicMs();
      // Keep per-channel order: once a channel is busy or limited, later rows of it wait too.
      if (lane && busyChannels.has(lane)) continue;
      if (lane) busyChannels.add(lane);
      if (readyAt > realNow) {
        wakeIn = Math.min(wakeIn, readyAt - realNow);
        continue;
      }
      batch.push(row);
    }
    await Promise.all(batch.map((r) => this.deliver(r)));
    const next = await this.db.outboxMessage.findFirst({
      where: { status: { in: ["pending", "sending"] } },
      orderBy: { nextAttemptAt: "asc" },
      select: { nextAttemptAt: true, status: true, leaseUntil: true },
    });
    if (next) {
      const at = next.status === "sending" ? (next.leaseUntil?.getTime() ?? 0) : next.nextAttemptAt.getTime();
      wakeIn = Math.min(wakeIn, Math.max(0, at - this.clock.now().getTime()));
    }
    if (batch.length > 0) wakeIn = Math.min(wakeIn, 0);
    return wakeIn;
  }

  private laneOf(row: Row): string | undefined {
    if (row.kind === "respond") return undefined;
    return row.channel ?? row.sentChannel ?? `target:${row.targetId}`;
  }

  private async deliver(row: Row): Promise<void> {
    const now = this.clock.now();
    const claimed = await this.db.outboxMessage.updateMany({
      where: { id: row.id, status: row.status, attempts: row.attempts },
      data: { status: "sending", attempts: { increment: 1 }, leaseUntil: new Date(now.getTime() + this.o.leaseMs) },
    });
    if (claimed.count !== 1) return;
    const method = methodOf[row.kind] ?? "chat.postMessage";
    try {
      const result = await this.send(row, method);
      if (result === "defer") {
        // Waiting for the message it edits or replies to: check again shortly, in real time.
        this.deferredUntil.set(row.id, monotonicMs() + 200);
        await this.db.outboxMessage.update({
          where: { id: row.id },
          data: { status: "pending", leaseUntil: null, lastError: "waiting_for_target", attempts: { decrement: 1 } },
        });
        return;
      }
      if (result === "superseded") {
        await this.db.outboxMessage.update({ where: { id: row.id }, data: { status: "superseded", leaseUntil: null } });
        return;
      }
      await this.db.outboxMessage.update({
        where: { id: row.id },
        data: { status: "sent", ts: result.ts, sentChannel: result.channel, sentAt: this.clock.now(), leaseUntil: null, lastError: null },
      });
      this.deferredUntil.delete(row.id);
      this.o.onOutcome?.("sent", row);
    } catch (e) {
      const failure: CallFailure =
        e instanceof SlackCallError ? e.failure : { type: "transient", reason: (e as Error).message ?? "error" };
      await this.handleFailure(row, method, failure);
    }
  }

  private async send(row: Row, method: string): Promise<{ ts: string | null; channel: string | null } | "defer" | "superseded"> {
    const body = JSON.parse(row.body) as MessageBody;
    const lane = this.laneOf(row);
    if (lane) this.channelNextAt.set(lane, monotonicMs() + this.o.perChannelIntervalMs);
    switch (row.kind) {
      case "respond":
        await this.api.respond(row.responseUrl!, body);
        return { ts: null, channel: null };
      case "file":
        return this.sendFile(row, body as MessageBody & { file: { filename: string; title: string; altText: string; base64: string } });
      case "ephemeral": {
        const r = await this.api.call(method, { ...body, channel: row.channel, user: row.userId, thread_ts: row.threadTs ?? undefined });
        return { ts: (r.message_ts as string) ?? null, channel: row.channel };
      }
      case "update": {
        const target = await this.db.outboxMessage.findUnique({ where: { id: row.targetId! } });
        if (!target || target.status === "failed") throw new SlackCallError({ type: "permanent", reason: "target_message_failed" });
        if (!target.ts || !target.sentChannel) return "defer";
        // Only the newest edit of a message matters: older queued edits are dropped, not sent.
        const newer = await this.db.outboxMessage.count({
          where: {
            targetId: row.targetId,
            kind: "update",
            status: "pending",
            // Same-millisecond edits are told apart by id: Prisma's cuids grow within a process.
            OR: [{ createdAt: { gt: row.createdAt } }, { createdAt: row.createdAt, id: { gt: row.id } }],
          },
        });
        if (newer > 0) return "superseded";
        this.channelNextAt.set(target.sentChannel, monotonicMs() + this.o.perChannelIntervalMs);
        const r = await this.api.call(method, { ...body, channel: target.sentChannel, ts: target.ts });
        return { ts: (r.ts as string) ?? target.ts, channel: target.sentChannel };
      }
      default: {
        let threadTs = row.threadTs ?? undefined;
        if (row.threadOfId) {
          const parent = await this.db.outboxMessage.findUnique({ where: { id: row.threadOfId } });
          if (!parent || parent.status === "failed") throw new SlackCallError({ type: "permanent", reason: "thread_parent_failed" });
          if (!parent.ts) return "defer";
          threadTs = parent.ts;
        }
        const r = await this.api.call(method, { ...body, channel: row.channel, thread_ts: threadTs });
        return { ts: (r.ts as string) ?? null, channel: (r.channel as string) ?? row.channel };
      }
    }
  }

  /** Slack's upload flow: get an upload URL, send the bytes, then complete it into the channel. */
  private async sendFile(row: Row, body: MessageBody & { file: { filename: string; title: string; altText: string; base64: string } }) {
    let channel = row.channel!;
    if (/^[UW]/.test(channel)) {
      // A DM needs its channel id for files; conversations.open gives it (im:write).
      const r = await this.api.call("conversations.open", { users: channel });
      channel = (r.channel as { id: string }).id;
    }
    const bytes = Buffer.from(body.file.base64, "base64");
    const up = await this.api.call("files.getUploadURLExternal", { filename: body.file.filename, length: bytes.length, alt_txt: body.file.altText });
    await this.api.upload(String(up.upload_url), bytes);
    const done = await this.api.call("files.completeUploadExternal", {
      files: JSON.stringify([{ id: up.file_id, title: body.file.title }]),
      channel_id: channel,
      initial_comment: body.text,
    });
    const file = (done.files as { id: string }[] | undefined)?.[0];
    return { ts: file?.id ?? null, channel };
  }

  private async handleFailure(row: Row, method: string, failure: CallFailure): Promise<void> {
    if (failure.type === "ratelimited") {
      // A 429 pauses the whole method, as Slack asks, not just this one message.
      this.methodPausedUntil.set(method, monotonicMs() + failure.retryAfterMs);
      this.log.warn({ method, retryAfterMs: failure.retryAfterMs }, "slack rate limited");
      return this.retryLater(row, { type: "transient", reason: "ratelimited" }, failure.retryAfterMs, false);
    }
    const tooOld = this.clock.now().getTime() - row.createdAt.getTime() > this.o.maxAgeMs;
    if (failure.type === "permanent" || tooOld) {
      const reason = failure.type === "permanent" ? failure.reason : `gave_up_after_${row.attempts + 1}_attempts:${failure.reason}`;
      await this.db.outboxMessage.update({ where: { id: row.id }, data: { status: "failed", lastError: reason, leaseUntil: null } });
      this.log.warn({ outboxId: row.id, kind: row.kind, channel: row.channel, reason }, "message failed permanently");
      this.o.onOutcome?.("failed", row);
      await this.o.onFailed?.(row, reason).catch((e) => this.log.error({ err: e, outboxId: row.id }, "could not tell anyone of a failed message"));
      return;
    }
    const backoff = Math.min(300_000, 1000 * 2 ** Math.min(row.attempts, 9));
    await this.retryLater(row, failure, backoff * (0.75 + Math.random() * 0.5), true);
  }

  private async retryLater(row: Row, failure: CallFailure, delayMs: number, counts: boolean): Promise<void> {
    await this.db.outboxMessage.update({
      where: { id: row.id },
      data: {
        status: "pending",
        leaseUntil: null,
        lastError: "reason" in failure ? failure.reason : null,
        nextAttemptAt: new Date(this.clock.now().getTime() + delayMs),
        // Waiting on a rate limit or an unsent target is not a failed attempt.
        ...(counts ? {} : { attempts: { decrement: 1 } }),
      },
    });
    this.o.onOutcome?.("retry", row);
  }
}

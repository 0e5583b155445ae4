import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import { openDatabase, type DbClient } from "../../src/infra/db/db.ts";
import { createLogger } from "../../src/infra/logger.ts";
import type { Sql } from "../../src/infra/db/sql.ts";
import { Scheduler } from "../../src/scheduler/runner.ts";
import { SimulatedCrash, type CrashPoint } from "../../src/scheduler/runner-options.ts";
import { cancelTimers, rescheduleTimer, scheduleTimer } from "../../src/scheduler/timers.ts";
import type { JobKind, TimerJob } from "../../src/scheduler/types.ts";
import { enqueueMessage } from "../../src/outbox/outbox.ts";
import { freshDb } from "../support/db.ts";
import { crashOnceAt } from "../support/crash.ts";

const log = createLogger("silent");
const MIN = 60_000;

describe("durable timers with an injected clock", () => {
  let db: DbClient;
  let sql: Sql;
  let url: string;
  let clock: FixedClock;
  let ran: TimerJob[];
  const make = (database = db, q = sql, opts = {}) => {
    const s = new Scheduler<object>(database, q, clock, log, {}, { leaseMs: 5 * MIN, ...opts });
    s.register({ kind: "ping", run: async (_d, job) => void ran.push(job) });
    return s;
  };
  const status = async (key: string) => (await db.timer.findUniqueOrThrow({ where: { key } })).status;

  beforeEach(async () => {
    ({ db, sql, url } = await freshDb());
    clock = new FixedClock("2026-11-28T00:00:00Z");
    ran = [];
  });
  afterEach(() => db.$disconnect());

  it("runs a timer at its due time and not before, once", async () => {
    const s = make();
    await scheduleTimer(db, clock, {
      kind: "ping",
      key: "ping:1",
      dueAt: new Date("2026-11-28T02:00:00Z"),
      payload: { n: 1 },
    });
    clock.set("2026-11-28T01:59:59Z");
    expect(await s.runDue()).toBe(0);
    clock.set("2026-11-28T02:00:00Z");
    expect(await s.runDue()).toBe(1);
    expect(ran[0]!.payload).toEqual({ n: 1 });
    clock.advance(MIN);
    expect(await s.runDue()).toBe(0);
    expect(ran).toHaveLength(1);
  });

  it("keeps the first timer when the same key is scheduled twice; reschedule and cancel by owner only touch pending ones", async () => {
    const s = make();
    await scheduleTimer(db, clock, { kind: "ping", key: "case:1:breach", dueAt: new Date("2026-11-28T02:00:00Z") });
    await scheduleTimer(db, clock, { kind: "ping", key: "case:1:breach", dueAt: new Date("2026-11-28T01:00:00Z") });
    expect(await db.timer.count()).toBe(1);
    expect((await db.timer.findFirstOrThrow()).ownerId).toBe("case:1");
    expect(await rescheduleTimer(db, "case:1:breach", new Date("2026-11-28T03:00:00Z"))).toBe(true);
    clock.set("2026-11-28T02:30:00Z");
    expect(await s.runDue()).toBe(0);
    await scheduleTimer(db, clock, { kind: "ping", key: "case:2:breach", dueAt: new Date("2026-11-28T03:00:00Z") });
    expect(await cancelTimers(db, clock, "case:1")).toBe(1);
    clock.set("2026-11-28T04:00:00Z");
    expect(await s.runDue()).toBe(1);
    expect(ran.map((r) => r.key)).toEqual(["case:2:breach"]);
    // Scheduling a cancelled key again arms the same row again.
    await scheduleTimer(db, clock, { kind: "ping", key: "case:1:breach", dueAt: new Date("2026-11-28T05:00:00Z") });
    clock.set("2026-11-28T05:00:00Z");
    expect(await s.runDue()).toBe(1);
  });

  it("runs a job again after its lease when the worker died mid-run", async () => {
    let calls = 0;
    let began!: () => void;
    const running = new Promise<void>((r) => (began = r));
    const dying = new Scheduler<object>(db, sql, clock, log, {}, { leaseMs: 5 * MIN });
    // The handler never finishes: like a process killed in the middle of the job.
    dying.register({ kind: "ping", run: () => (calls++, began(), new Promise<void>(() => {})) });
    await scheduleTimer(db, clock, { kind: "ping", key: "ping:crash", dueAt: clock.now() });
    void dying.runDue();
    await running;
    expect(calls).toBe(1);
    expect(await status("ping:crash")).toBe("running");

    const other = await openDatabase(url);
    const fresh = make(other.db, other.sql);
    clock.advance(4 * MIN);
    expect(await fresh.runDue()).toBe(0);
    clock.advance(2 * MIN);
    expect(await fresh.runDue()).toBe(1);
    expect(ran).toHaveLength(1);
    expect(await status("ping:crash")).toBe("done");
    await other.db.$disconnect();
  });

  it("retries a failing handler with backoff and records the error", async () => {
    const s = new Scheduler<object>(db, sql, clock, log, {});
    let n = 0;
    s.register({
      kind: "flaky",
      run: async () => {
        if (++n < 2) throw new Error("slack down");
      },
    });
    await scheduleTimer(db, clock, { kind: "flaky", key: "flaky:1", dueAt: clock.now() });
    expect(await s.runDue()).toBe(1);
    const failed = await db.timer.findUniqueOrThrow({ where: { key: "flaky:1" } });
    expect(failed).toMatchObject({ status: "pending", lastError: "slack down", attempts: 1 });
    expect(failed.dueAt.getTime()).toBeGreaterThan(clock.now().getTime());
    clock.advance(10_000);
    await s.runDue();
    expect(await status("flaky:1")).toBe("done");
  });

  it("fires a 09:00 Asia/Shanghai job at 01:00 UTC, once per day, across a restart", async () => {
    const fired: string[] = [];
    const build = () => {
      const s = new Scheduler<object>(db, sql, clock, log, {});
      s.register({
        kind: "digest",
        run: async (_d, job) => void fired.push((job.payload as { occurrence: string }).occurrence),
      });
      s.registerRecurring({ name: "daily-digest", cron: "0 9 * * *", timeZone: "Asia/Shanghai", kind: "digest" });
      return s;
    };
    clock.set("2026-11-28T00:30:00Z"); // 08:30 in Shanghai
    let s = build();
    await s.ensureRecurring();
    clock.set("2026-11-28T00:59:59Z");
    expect(await s.runDue()).toBe(0);
    clock.set("2026-11-28T01:00:00Z"); // 09:00 in Shanghai; 09:00 UTC would be 17:00 there
    expect(await s.runDue()).toBe(1);
    expect(fired).toEqual(["2026-11-28T01:00:00.000Z"]);

    // Restart later the same day: nothing more today.
    clock.set("2026-11-28T05:00:00Z");
    s = build();
    await s.ensureRecurring();
    await s.ensureRecurring();
    expect(await s.runDue()).toBe(0);
    clock.set("2026-11-28T09:00:00Z");
    expect(await s.runDue()).toBe(0);

    // Next day, across the month end.
    clock.set("2026-11-29T01:00:00Z");
    expect(await s.runDue()).toBe(1);
    clock.set("2026-11-30T01:00:30Z");
    s = build();
    await s.ensureRecurring();
    expect(await s.runDue()).toBe(1);
    expect(fired).toEqual(["2026-11-28T01:00:00.000Z", "2026-11-29T01:00:00.000Z", "2026-11-30T01:00:00.000Z"]);
    expect(await db.timer.count({ where: { kind: "recurring:daily-digest", status: "pending" } })).toBe(1);
  });

  it("after days of downtime runs the missed occurrence once, not once per missed day", async () => {
    const fired: string[] = [];
    const s = new Scheduler<object>(db, sql, clock, log, {});
    s.register({
      kind: "digest",
      run: async (_d, job) => void fired.push((job.payload as { occurrence: string }).occurrence),
    });
    s.registerRecurring({ name: "d", cron: "0 9 * * *", timeZone: "Asia/Shanghai", kind: "digest" });
    await s.ensureRecurring();
    clock.set("2026-12-02T03:00:00Z");
    expect(await s.runDue()).toBe(1);
    const next = await db.timer.findFirstOrThrow({ where: { status: "pending" } });
    expect(next.dueAt.toISOString()).toBe("2026-12-03T01:00:00.000Z");
  });

  it("wakes by itself when the injected clock reaches the next due timer", async () => {
    const s = make(db, sql, { maxSleepMs: 3600_000 });
    const done = new Promise<void>((resolve) => s.register({ kind: "wake", run: async () => resolve() }));
    await scheduleTimer(db, clock, { kind: "wake", key: "wake:1", dueAt: new Date("2026-11-28T00:10:00Z") });
    await s.start();
    clock.set("2026-11-28T00:09:59Z");
    clock.set("2026-11-28T00:10:00Z");
    await done;
    await s.stop();
    expect(await status("wake:1")).toBe("done");
  });
});

describe("a job's writes and its completion commit together", () => {
  // Each job queues one message (its effect). A crash at each step boundary, many times over,
  // must leave every timer done exactly once with exactly one message each.
  const POINTS: CrashPoint[] = ["claimed", "ran", "committing", "committed"];

  for (const mode of ["one at a time", "in batches"] as const) {
    it(`crashes at every boundary, 60 rounds each, ${mode}: nothing lost, nothing doubled`, async () => {
      const { db, sql } = await freshDb();
      const clock = new FixedClock("2026-11-28T00:00:00Z");
      const kind: JobKind<object> =
        mode === "one at a time"
          ? {
              kind: "effect",
              run: async (_d, job) => (tx) =>
                enqueueMessage(tx, clock, { kind: "post", channel: "C1", body: { text: job.key } }).then(() => {}),
            }
          : {
              kind: "effect",
              runBatch: async (_d, jobs) => async (q, owned) => {
                const { enqueueMany } = await import("../../src/outbox/outbox.ts");
                await enqueueMany(
                  q,
                  clock,
                  jobs
                    .filter((j) => owned.has(j.id))
                    .map((j) => ({ kind: "post" as const, channel: "C1", body: { text: j.key } })),
                );
              },
            };
      let rounds = 0;
      let crashes = 0;
      for (const point of POINTS) {
        for (let round = 0; round < 60; round++) {
          rounds++;
          const n = 1 + (round % 4);
          for (let i = 0; i < n; i++)
            await scheduleTimer(db, clock, { kind: "effect", key: `job:${point}:${round}:${i}`, dueAt: clock.now() });
          // A runner that dies at `point` on its first batch…
          const dying = new Scheduler<object>(
            db,
            sql,
            clock,
            log,
            {},
            {
              leaseMs: MIN,
              batchSize: 1 + (round % 3),
              crashAt: crashOnceAt(point, () => crashes++),
            },
          );
          dying.register(kind);
          await expect(dying.runDue()).rejects.toBeInstanceOf(SimulatedCrash);
          // …and the process that replaces it, after the lease.
          clock.advance(MIN + 1);
          const next = new Scheduler<object>(db, sql, clock, log, {}, { leaseMs: MIN });
          next.register(kind);
          await next.runDue();
        }
      }
      expect(rounds).toBe(240);
      expect(crashes).toBe(240);
      const timers = await db.timer.findMany();
      expect(timers.length).toBe(POINTS.length * 60 * 2.5);
      expect(timers.filter((t) => t.status !== "done")).toEqual([]);
      const messages = await db.outboxMessage.findMany({ select: { body: true } });
      const keys = messages.map((m) => (JSON.parse(m.body) as { text: string }).text).sort();
      expect(keys).toEqual(timers.map((t) => t.key).sort());
      await db.$disconnect();
    });
  }
});

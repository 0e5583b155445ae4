import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import { openDb, type DbClient } from "../../src/infra/db.ts";
import { createLogger } from "../../src/infra/logger.ts";
import { Scheduler } from "../../src/scheduler/runner.ts";
import { cancelTimers, rescheduleTimer, scheduleTimer } from "../../src/scheduler/timers.ts";
import type { TimerJob } from "../../src/scheduler/types.ts";
import { freshDb } from "../support/db.ts";

const log = createLogger("silent");
const MIN = 60_000;

describe("durable timers with an injected clock", () => {
  let db: DbClient;
  let url: string;
  let clock: FixedClock;
  let ran: TimerJob[];
  const make = (database = db) => {
    const s = new Scheduler<object>(database, clock, log, {}, { leaseMs: 5 * MIN });
    s.register({ kind: "ping", run: async (_d, job) => void ran.push(job) });
    return s;
  };

  beforeEach(async () => {
    ({ db, url } = await freshDb());
    clock = new FixedClock("2026-11-28T00:00:00Z");
    ran = [];
  });
  afterEach(() => db.$disconnect());

  it("runs a timer at its due time and not before, once", async () => {
    const s = make();
    await scheduleTimer(db, clock, { kind: "ping", key: "ping:1", dueAt: new Date("2026-11-28T02:00:00Z"), payload: { n: 1 } });
    clock.set("2026-11-28T01:59:59Z");
    expect(await s.runDue()).toBe(0);
    clock.set("2026-11-28T02:00:00Z");
    expect(await s.runDue()).toBe(1);
    expect(ran[0]!.payload).toEqual({ n: 1 });
    clock.advance(MIN);
    expect(await s.runDue()).toBe(0);
    expect(ran).toHaveLength(1);
  });

  it("keeps the first timer when the same key is scheduled twice; reschedule and cancel only touch pending ones", async () => {
    const s = make();
    const a = await scheduleTimer(db, clock, { kind: "ping", key: "case:1:breach", dueAt: new Date("2026-11-28T02:00:00Z") });
    const b = await scheduleTimer(db, clock, { kind: "ping", key: "case:1:breach", dueAt: new Date("2026-11-28T01:00:00Z") });
    expect(b).toEqual({ id: a.id, created: false });
    expect(await rescheduleTimer(db, "case:1:breach", new Date("2026-11-28T03:00:00Z"))).toBe(true);
    clock.set("2026-11-28T02:30:00Z");
    expect(await s.runDue()).toBe(0);
    expect(await cancelTimers(db, clock, "case:1:")).toBe(1);
    clock.set("2026-11-28T04:00:00Z");
    expect(await s.runDue()).toBe(0);
  });

  it("runs a job again after its lease when the worker crashed mid-run", async () => {
    let calls = 0;
    const crashing = new Scheduler<object>(db, clock, log, {}, { leaseMs: 5 * MIN });
    // The handler never finishes: like a process killed in the middle of the job.
    crashing.register({ kind: "ping", run: () => (calls++, new Promise<void>(() => {})) });
    await scheduleTimer(db, clock, { kind: "ping", key: "ping:crash", dueAt: clock.now() });
    void crashing.runDue();
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).toBe(1);
    const row = await db.timer.findUniqueOrThrow({ where: { key: "ping:crash" } });
    expect(row.status).toBe("running");

    const db2 = await openDb(url);
    const fresh = make(db2);
    clock.advance(4 * MIN);
    expect(await fresh.runDue()).toBe(0);
    clock.advance(2 * MIN);
    expect(await fresh.runDue()).toBe(1);
    expect(ran).toHaveLength(1);
    expect((await db2.timer.findUniqueOrThrow({ where: { key: "ping:crash" } })).status).toBe("done");
    await db2.$disconnect();
  });

  it("retries a failing handler with backoff and records the error", async () => {
    const s = new Scheduler<object>(db, clock, log, {});
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
    expect((await db.timer.findUniqueOrThrow({ where: { key: "flaky:1" } })).status).toBe("done");
  });

  it("fires a 09:00 Asia/Shanghai job at 01:00 UTC, once per day, across a restart", async () => {
    const fired: string[] = [];
    const build = () => {
      const s = new Scheduler<object>(db, clock, log, {});
      s.register({ kind: "digest", run: async (_d, job) => void fired.push((job.payload as { occurrence: string }).occurrence) });
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
    const s = new Scheduler<object>(db, clock, log, {});
    s.register({ kind: "digest", run: async (_d, job) => void fired.push((job.payload as { occurrence: string }).occurrence) });
    s.registerRecurring({ name: "d", cron: "0 9 * * *", timeZone: "Asia/Shanghai", kind: "digest" });
    await s.ensureRecurring();
    clock.set("2026-12-02T03:00:00Z");
    expect(await s.runDue()).toBe(1);
    const next = await db.timer.findFirstOrThrow({ where: { status: "pending" } });
    expect(next.dueAt.toISOString()).toBe("2026-12-03T01:00:00.000Z");
  });
});

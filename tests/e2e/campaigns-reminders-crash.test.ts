// Promotion reminders under crashes: a 09:00 wave of reminders (three promotions' items, batched)
// is run by a runner that "dies" (SimulatedCrash) at each step boundary (claimed, ran, committing,
// committed), with batches of 1-4 timers; the runner that replaces it after the lease finishes
// the work. Every due reminder reaches its owner's DM exactly once, every overdue nudge plans the
// next one once, and no timer is left behind or failed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignJobs } from "../../src/features/campaigns/jobs.ts";
import { JOB_REMIND } from "../../src/features/campaigns/schedule.ts";
import { FixedClock } from "../../src/infra/clock.ts";
import { Scheduler } from "../../src/scheduler/runner.ts";
import { SimulatedCrash, type CrashPoint } from "../../src/scheduler/runner-options.ts";
import type { Deps } from "../../src/deps.ts";
import { startHarness, until, type Harness } from "../support/harness.ts";
import { promo } from "./campaigns-support.ts";
import { crashOnceAt } from "../support/crash.ts";

const POINTS: CrashPoint[] = ["claimed", "ran", "committing", "committed"];
const LEASE = 60_000;

describe("promotion reminders crashing at every step boundary", () => {
  let h: Harness;
  const clock = new FixedClock("2026-09-01T04:00:00Z");
  beforeAll(async () => {
    h = await startHarness({ clock, env: { TIMER_LEASE: "60s" } });
    for (const [k, who] of ["U0LEAD", "U0LEAD", "U0PLAN"].entries())
      await promo(h, who, `new 活动${k} 2026-11-1${k + 1} <#C0PROMO${k}|promo${k}>`, `C0PROMO${k}`);
    await until(async () => (await h.bot.deps.db.campaign.count()) === 3);
  });
  afterAll(() => h.stop());

  const runner = (deps: Deps, crashAt?: (p: CrashPoint) => void, batchSize = 50) => {
    const s = new Scheduler<Deps>(deps.db, deps.sql, clock, deps.log, deps, { leaseMs: LEASE, batchSize, crashAt });
    for (const j of campaignJobs) s.register(j);
    return s;
  };
  const queued = () => h.bot.deps.db.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } });
  // Every lane with work waits for a later time: the sender can do nothing more until time moves.
  const paced = async () =>
    (await h.bot.deps.db.outboxLane.count({ where: { pending: { gt: 0 }, nextAt: { lte: clock.now() } } })) === 0 &&
    (await h.bot.deps.db.outboxMessage.count({ where: { status: "sending" } })) === 0;
  const nextDue = async () =>
    (
      await h.bot.deps.db.timer.findFirst({
        where: { kind: JOB_REMIND, status: "pending" },
        orderBy: { dueAt: "asc" },
      })
    )?.dueAt;

  it("each due reminder reaches its owner once, overdue nudges follow, after a crash at every boundary", async () => {
    const deps = h.bot.deps;
    let crashes = 0;
    for (let round = 0; round < POINTS.length * 3; round++) {
      const point = POINTS[round % POINTS.length]!;
      const due = await nextDue();
      expect(due, `round ${round}: a reminder still to come`).toBeDefined();
      clock.set(due!.toISOString());
      const dying = runner(
        deps,
        crashOnceAt(point, () => crashes++),
        1 + (round % 4),
      );
      await expect(dying.runDue()).rejects.toBeInstanceOf(SimulatedCrash);
      clock.advance(LEASE + 1);
      await runner(deps).runDue();
    }
    // A person's wave of DMs is paced (a roll-up's next page waits half a minute): time moves on
    // a minute at a time until everything queued has gone.
    for (let i = 0; i < 30 && (await queued()) > 0; i++) {
      clock.advance(60_000);
      deps.outbox.kick();
      await until(async () => (await queued()) === 0 || (await paced()), 5000).catch(() => undefined);
    }
    expect(await queued()).toBe(0);
    expect(crashes).toBe(POINTS.length * 3);

    const done = await deps.db.timer.findMany({ where: { kind: JOB_REMIND, status: { not: "pending" } } });
    expect(done.filter((t) => t.status !== "done")).toEqual([]);
    // Nothing due is left behind.
    expect(
      await deps.db.timer.count({ where: { kind: JOB_REMIND, status: "pending", dueAt: { lte: clock.now() } } }),
    ).toBe(0);
    // One DM per reminder that ran, none missing, none twice (by the timer it came from).
    const dms = await deps.db.outboxMessage.findMany({ where: { dedupeKey: { endsWith: ":dm" } } });
    const keys = new Set(done.map((t) => `${t.key}:dm`));
    expect(dms.filter((m) => !keys.has(m.dedupeKey!))).toEqual([]);
    expect(new Set(dms.map((m) => m.dedupeKey)).size).toBe(done.length);
    // ...and each was delivered to Slack once (its own post or a line of the owner's roll-up).
    expect(dms.filter((m) => m.status !== "sent" && m.status !== "folded")).toEqual([]);
    const landed = h.fake.ws.messages.flatMap((m) => {
      const id = (m.metadata as { event_payload?: { outbox_id?: string } } | undefined)?.event_payload?.outbox_id;
      return id ? [id] : [];
    });
    expect(landed.length).toBe(new Set(landed).size);
    // Overdue reminders ran (the rounds reach past the first due dates) and each planned the next.
    const overdue = done.filter((t) => t.key.endsWith(":overdue:1"));
    expect(overdue.length).toBeGreaterThan(0);
    for (const t of overdue)
      expect(await deps.db.timer.count({ where: { key: t.key.replace(/:overdue:1$/, ":overdue:2") } })).toBe(1);
  }, 120_000);
});

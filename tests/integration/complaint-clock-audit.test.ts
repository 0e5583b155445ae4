// A running complaint clock with no timer (a restore from an old backup, a hand edit) is found
// and re-armed at start and by the periodic audit; a clock that has its timer is left alone.
import { afterEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import { auditClocks } from "../../src/features/complaints/clock-audit.ts";
import { openCase } from "../../src/features/complaints/open-case.ts";
import { startHarness, type Harness } from "../support/harness.ts";
import { setUpTiers } from "../e2e/complaints-support.ts";

describe("the complaint clock auditor", () => {
  let h: Harness;
  afterEach(() => h.stop());

  it("re-arms a running clock whose timer is gone, once, and the case then escalates on time", async () => {
    const clock = new FixedClock("2026-11-11T02:00:00Z");
    h = await startHarness({ clock, manualScheduler: true, env: { ADMIN_USER_IDS: "U0ADMIN" } });
    await setUpTiers(h);
    const open = (order: string) =>
      openCase(h.bot.deps, {
        actorId: "U0OWNER",
        orderNo: order,
        customerName: "Li",
        vip: false,
        cause: "quality",
        urgency: "urgent",
        summary: "broken",
      });
    const lost = await open("A-1");
    const kept = await open("A-2");
    expect(await auditClocks(h.bot.deps)).toBe(0);

    // The lost case's timers vanish (as after restoring a backup taken before they were written).
    await h.bot.deps.db.timer.deleteMany({ where: { ownerId: `complaint:${lost.id}` } });
    const keptTimers = await h.bot.deps.db.timer.findMany({
      where: { ownerId: `complaint:${kept.id}` },
      orderBy: { key: "asc" },
    });

    // A restart audits at start; a second replica auditing at the same time adds nothing.
    await h.restart();
    expect(await auditClocks(h.bot.deps)).toBe(0);
    const rearmed = await h.bot.deps.db.timer.findMany({
      where: { ownerId: `complaint:${lost.id}`, status: "pending" },
    });
    expect(rearmed).toHaveLength(1);
    expect(rearmed[0]!.dueAt.toISOString()).toBe(lost.deadlineAt!.toISOString());
    expect(
      await h.bot.deps.db.timer.findMany({ where: { ownerId: `complaint:${kept.id}` }, orderBy: { key: "asc" } }),
    ).toEqual(keptTimers);

    // Past the deadline the re-armed clock escalates the case to tier 2, like any other.
    clock.set(new Date(lost.deadlineAt!.getTime() + 1000));
    await h.bot.scheduler.runDue();
    const after = await h.bot.deps.db.complaintCase.findUniqueOrThrow({ where: { id: lost.id } });
    expect([after.tier, after.breaches]).toEqual([2, 1]);
    expect(await h.bot.deps.db.complaintEvent.count({ where: { caseId: lost.id, kind: "escalated_auto" } })).toBe(1);
  });
});

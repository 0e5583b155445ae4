import { describe, expect, it } from "vitest";
import {
  addWorkingTime,
  planClock,
  workingMsBetween,
  needsTier3Approval,
  startTierFor,
} from "../../src/features/complaints/rules.ts";
import { parseComplaintCommand } from "../../src/features/complaints/schema.ts";
import { buildReport, median } from "../../src/features/complaints/report.ts";

const H = 3600_000;
const shanghai = {
  workingHours: { start: "09:00", end: "18:00", days: [1, 2, 3, 4, 5], timeZone: "Asia/Shanghai" },
  holidays: [] as string[],
};

describe("working-time clocks", () => {
  it("runs round the clock without working hours", () => {
    expect(
      addWorkingTime(new Date("2026-11-28T02:00:00Z"), 2 * H, { workingHours: null, holidays: [] }).toISOString(),
    ).toBe("2026-11-28T04:00:00.000Z");
  });
  it("stops overnight and over the weekend", () => {
    // Friday 17:30 Shanghai + 2 h → Monday 10:30.
    expect(addWorkingTime(new Date("2026-11-27T09:30:00Z"), 2 * H, shanghai).toISOString()).toBe(
      "2026-11-30T02:30:00.000Z",
    );
    // Saturday night start → Monday 09:00 + 1 h.
    expect(addWorkingTime(new Date("2026-11-28T14:00:00Z"), H, shanghai).toISOString()).toBe(
      "2026-11-30T02:00:00.000Z",
    );
  });
  it("skips holidays", () => {
    const cal = { ...shanghai, holidays: ["2026-10-01", "2026-10-02"] };
    // Wednesday 30 Sep 17:00 + 2 h → Friday 2 Oct is a holiday too → Monday 5 Oct 10:00.
    expect(addWorkingTime(new Date("2026-09-30T09:00:00Z"), 2 * H, cal).toISOString()).toBe("2026-10-05T02:00:00.000Z");
  });
  it("counts the same hours across a daylight-saving change", () => {
    const london = {
      workingHours: { start: "09:00", end: "17:00", days: [1, 2, 3, 4, 5, 6, 7], timeZone: "Europe/London" },
      holidays: [],
    };
    // 2026-10-25 clocks go back; 16:00 BST on the 24th + 2 h → 10:00 GMT on the 25th.
    expect(addWorkingTime(new Date("2026-10-24T15:00:00Z"), 2 * H, london).toISOString()).toBe(
      "2026-10-25T10:00:00.000Z",
    );
  });
  it("measures working time between instants and plans the 75% warning", () => {
    expect(workingMsBetween(new Date("2026-11-27T09:30:00Z"), new Date("2026-11-30T02:30:00Z"), shanghai)).toBe(2 * H);
    const plan = planClock(new Date("2026-11-28T02:00:00Z"), 2 * H, {
      workingHours: null,
      holidays: [],
      warnPercent: 75,
    });
    expect(plan.warnAt.toISOString()).toBe("2026-11-28T03:30:00.000Z");
  });
  it("VIPs start at the team's tier; big refunds need tier 3", () => {
    expect(startTierFor(true, { vipStartTier: 2 })).toBe(2);
    expect(startTierFor(false, { vipStartTier: 2 })).toBe(1);
    expect(needsTier3Approval("partial_refund", 501, { refundApprovalAbove: 500 })).toBe(true);
    expect(needsTier3Approval("coupon", 5000, { refundApprovalAbove: 500 })).toBe(false);
  });
});

describe("/complaint parsing", () => {
  it("reads escaped channels, people and user groups", () => {
    expect(parseComplaintCommand("tier 2 <#C0AB|cs> <@U01|a> <@U02|b> <!subteam^S9|@sup>", "Asia/Shanghai")).toEqual({
      ok: true,
      cmd: { sub: "tier", tier: 2, channelId: "C0AB", userIds: ["U01", "U02"], userGroupId: "S9" },
    });
    expect(parseComplaintCommand("tier 4 <#C0AB|cs> <@U01|a>", "Asia/Shanghai")).toEqual({
      ok: false,
      usage: "complaint.usage.tier",
    });
  });
  it("reads a policy and names the part that is wrong", () => {
    const ok = parseComplaintCommand(
      "policy urgent 30s general 1d warn 80% hours 09:00-18:00 mon-sat holidays 2026-10-01",
      "Asia/Shanghai",
    );
    expect(ok).toEqual({
      ok: true,
      cmd: {
        sub: "policy",
        patch: {
          urgentAckMs: 30_000,
          generalResolveMs: 86_400_000,
          warnPercent: 80,
          holidays: ["2026-10-01"],
          workingHours: { start: "09:00", end: "18:00", days: [1, 2, 3, 4, 5, 6], timeZone: "Asia/Shanghai" },
        },
      },
    });
    const bad = parseComplaintCommand("policy hours 18:00-09:00", "Asia/Shanghai");
    expect(bad).toMatchObject({ ok: false, usage: "complaint.usage.policy" });
    expect(parseComplaintCommand("report 2026-02-30", "Asia/Shanghai")).toEqual({
      ok: false,
      usage: "complaint.usage.report",
    });
  });
});

describe("complaint report", () => {
  it("computes shares, SLA, medians, FCR and satisfaction by hand", () => {
    const t0 = new Date("2026-11-01T00:00:00Z");
    const at = (h: number) => new Date(t0.getTime() + h * H);
    const base = {
      createdAt: t0,
      acknowledgedAt: null,
      resolvedAt: null,
      satisfaction: null,
      escalations: 0,
      breaches: 0,
      tier: 1,
      startTier: 1,
    };
    const r = buildReport([
      { ...base, cause: "quality", urgency: "urgent", acknowledgedAt: at(1), resolvedAt: at(3), satisfaction: 5 },
      {
        ...base,
        cause: "quality",
        urgency: "urgent",
        breaches: 1,
        escalations: 1,
        tier: 2,
        acknowledgedAt: at(3),
        resolvedAt: at(10),
        satisfaction: 4,
      },
      { ...base, cause: "logistics", urgency: "general", resolvedAt: at(20) },
      { ...base, cause: "logistics", urgency: "general" },
    ]);
    expect(r.total).toBe(4);
    expect(r.byCause).toMatchObject({ quality: 2, logistics: 2, other: 0 });
    expect(r.escalatedShare).toBe(0.25);
    expect(r.responseSla).toBe(0.5);
    expect(r.resolutionSla).toBe(1);
    expect(r.medianAckMs).toBe(2 * H);
    expect(r.medianResolveMs).toBe(10 * H);
    expect(r.firstContactResolution).toBeCloseTo(2 / 3);
    expect(r.satisfaction).toBe(4.5);
    expect(median([])).toBeNull();
  });
});

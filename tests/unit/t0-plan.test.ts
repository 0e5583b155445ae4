import { describe, expect, it } from "vitest";
import { hourlyFindings, isStale, planCurve, sparkline, TYPICAL_DAY } from "../../src/features/campaigns/t0/plan.ts";

const hour = (gmv: number, uv = 1000, buyers = 30) => ({ gmv, uv, buyers, orders: buyers });

describe("T0 arithmetic", () => {
  it("scales the previous event's hourly shape to the day plan, or a typical day's when there is none", () => {
    const prev = Array.from({ length: 24 }, (_, h) => hour(h < 12 ? 40_000 : 60_000));
    const plan = planCurve(prev, 3_000_000);
    expect(plan[0]).toBe(100_000);
    expect(plan[23]).toBe(150_000);
    const typical = planCurve(null, 1_000_000);
    const weight = TYPICAL_DAY.reduce((a, b) => a + b, 0);
    expect(typical[21]).toBeCloseTo((8.5 / weight) * 1_000_000, 1);
    expect(typical[4]! < typical[21]!).toBe(true);
    expect(typical.reduce((a, b) => a + b, 0)).toBeCloseTo(1_000_000, 0);
  });

  it("raises the level the shortfall earns, and the conversion drop only while UV rises", () => {
    const plan = Array.from({ length: 24 }, () => 100_000);
    const hours = [hour(100_000), hour(75_000)];
    expect(hourlyFindings(hours, plan, 1).map((f) => f.level)).toEqual(["notice"]);
    expect(hourlyFindings([hour(69_000), hour(65_000)], plan, 1).map((f) => f.level)).toEqual(["warning"]);
    expect(hourlyFindings([hour(49_000), hour(40_000)], plan, 1).map((f) => f.level)).toEqual(["critical"]);
    expect(hourlyFindings([hour(100_000, 1000, 40), hour(100_000, 1200, 20)], plan, 1).map((f) => f.rule)).toEqual([
      "conversion_drop",
    ]);
    // A team's own thresholds: 10% under is already a notice, 15% two hours running a warning.
    expect(
      hourlyFindings([hour(85_000), hour(80_000)], plan, 1, { notice: 0.1, warning: 0.15, critical: 0.4 }).map(
        (f) => f.level,
      ),
    ).toEqual(["warning"]);
    expect(
      hourlyFindings([hour(100_000), hour(88_000)], plan, 1, { notice: 0.1, warning: 0.15, critical: 0.4 }).map(
        (f) => f.level,
      ),
    ).toEqual(["notice"]);
    expect(hourlyFindings([hour(100_000, 1300, 40), hour(100_000, 1200, 20)], plan, 1)).toEqual([]);
  });

  it("calls the data stale two intervals after the next hour's row was due", () => {
    const end = (h: number) => new Date(Date.UTC(2026, 10, 11, h + 1));
    const ten = 600_000;
    expect(isStale(5, new Date(Date.UTC(2026, 10, 11, 7, 20)), ten, end)).toBe(false);
    expect(isStale(5, new Date(Date.UTC(2026, 10, 11, 7, 21)), ten, end)).toBe(true);
    expect(isStale(23, new Date(Date.UTC(2026, 10, 12, 5)), ten, end)).toBe(false);
  });

  it("draws hours with data as bars and the rest as dots", () => {
    expect(sparkline([0, 50, 100, undefined], 100)).toBe("▁▅█·");
  });
});

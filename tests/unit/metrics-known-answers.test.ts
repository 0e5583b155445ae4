// The digest's arithmetic against answers worked out by hand.
import { describe, expect, it } from "vitest";
import { decompose, kpis, sum } from "../../src/features/metrics/rules.ts";

const row = (date: string, channel: string, uv: number, buyers: number, orders: number, gmv: number, ad_spend = 0) => ({
  date,
  store: "shop1",
  channel,
  uv,
  buyers,
  orders,
  gmv,
  ad_spend,
});
const DATA = [
  row("2026-11-27", "app", 6000, 180, 200, 36000, 4000),
  row("2026-11-27", "web", 4000, 60, 60, 9000.5, 1000),
  row("2026-11-26", "app", 5000, 150, 160, 30000),
  row("2026-11-26", "web", 3000, 50, 50, 7500),
];

describe("metric arithmetic", () => {
  it("computes the known answers exactly to the cent", () => {
    const asTotals = (r: (typeof DATA)[number]) => ({
      uv: r.uv,
      buyers: r.buyers,
      orders: r.orders,
      gmv: r.gmv,
      adSpend: r.ad_spend,
    });
    const day = sum(DATA.slice(0, 2).map(asTotals));
    const before = sum(DATA.slice(2, 4).map(asTotals));
    expect(day).toMatchObject({ uv: 10000, buyers: 240, orders: 260, gmv: 45000.5, adSpend: 5000 });
    const k = kpis(day);
    expect(k.conversion).toBe(0.024);
    expect(Math.round(k.aov! * 100) / 100).toBe(173.08);
    expect(Math.round(k.uvValue! * 100) / 100).toBe(4.5);
    expect(Math.round(k.roi! * 100) / 100).toBe(9);
    // UV part (10000-8000)×2.5%×187.5 = 9375; conversion part 10000×(2.4%-2.5%)×187.5 = -1875; the rest 0.50.
    expect(decompose(day, before)).toEqual({ total: 7500.5, uv: 9375, conversion: -1875, perBuyer: 0.5 });
  });
});

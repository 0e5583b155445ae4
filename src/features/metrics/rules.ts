// Metric definitions (DOMAIN.md §5) in one place, the GMV decomposition and the anomaly rules.
// Pure functions over plain numbers.

export interface Totals {
  uv: number;
  pv: number;
  productViews: number;
  cartAdds: number;
  orders: number;
  buyers: number;
  gmv: number;
  refunds: number;
  adSpend: number;
  newCustomers: number;
}

export const ZERO: Totals = {
  uv: 0,
  pv: 0,
  productViews: 0,
  cartAdds: 0,
  orders: 0,
  buyers: 0,
  gmv: 0,
  refunds: 0,
  adSpend: 0,
  newCustomers: 0,
};

export function sum(rows: Partial<Totals>[]): Totals {
  const t = { ...ZERO };
  for (const r of rows) for (const k of Object.keys(ZERO) as (keyof Totals)[]) t[k] += r[k] ?? 0;
  // Money is summed in cents so a day's total is exact to the cent.
  t.gmv = Math.round(rows.reduce((a, r) => a + Math.round((r.gmv ?? 0) * 100), 0)) / 100;
  t.refunds = Math.round(rows.reduce((a, r) => a + Math.round((r.refunds ?? 0) * 100), 0)) / 100;
  t.adSpend = Math.round(rows.reduce((a, r) => a + Math.round((r.adSpend ?? 0) * 100), 0)) / 100;
  return t;
}

const div = (a: number, b: number) => (b > 0 ? a / b : null);
export const cents = (x: number) => Math.round(x * 100) / 100;

export interface Kpis {
  gmv: number;
  uv: number;
  conversion: number | null; // paying buyers ÷ UV
  aov: number | null; // GMV ÷ orders
  uvValue: number | null; // GMV ÷ UV
  roi: number | null; // GMV ÷ ad spend
  refundRate: number | null; // refunds ÷ GMV
  funnel: { productView: number | null; cart: number | null; order: number | null };
}

export function kpis(t: Totals): Kpis {
  return {
    gmv: t.gmv,
    uv: t.uv,
    conversion: div(t.buyers, t.uv),
    aov: div(t.gmv, t.orders),
    uvValue: div(t.gmv, t.uv),
    roi: div(t.gmv, t.adSpend),
    refundRate: div(t.refunds, t.gmv),
    funnel: {
      productView: div(t.productViews, t.uv),
      cart: div(t.cartAdds, t.productViews),
      order: div(t.orders, t.cartAdds),
    },
  };
}

/** The reference funnel of DOMAIN.md: visit→product page 68%, product page→cart 35%, cart→order 25%. */
export const REFERENCE_FUNNEL = { productView: 0.68, cart: 0.35, order: 0.25 };

export const change = (now: number, before: number | null | undefined) =>
  before == null || before === 0 ? null : (now - before) / before;

export interface Decomposition {
  total: number;
  uv: number;
  conversion: number;
  perBuyer: number;
}

/**
 * Splits a GMV change into its UV, conversion and spend-per-buyer parts (GMV = UV × buyers/UV ×
 * GMV/buyers), by sequential substitution so the three parts add up exactly to the change.
 * Spend per buyer stands in for AOV: with AOV = GMV ÷ orders the product is off by orders ÷ buyers.
 */
export function decompose(now: Totals, before: Totals): Decomposition | null {
  if (before.uv === 0 || before.buyers === 0 || now.uv === 0 || now.buyers === 0) return null;
  const cr0 = before.buyers / before.uv;
  const cr1 = now.buyers / now.uv;
  const pb0 = before.gmv / before.buyers;
  const uv = (now.uv - before.uv) * cr0 * pb0;
  const conversion = now.uv * (cr1 - cr0) * pb0;
  return {
    total: cents(now.gmv - before.gmv),
    uv: cents(uv),
    conversion: cents(conversion),
    perBuyer: cents(now.gmv - before.gmv - cents(uv) - cents(conversion)),
  };
}

/** The factor that moved GMV most. */
export function mainFactor(d: Decomposition): "uv" | "conversion" | "perBuyer" {
  const parts = [
    ["uv", d.uv],
    ["conversion", d.conversion],
    ["perBuyer", d.perBuyer],
  ] as const;
  return [...parts].sort((a, b) => -(Math.sign(d.total) || 1) * (a[1] - b[1]))[0]![0];
}

export type Level = "notice" | "warning" | "critical";
export const LEVELS: Level[] = ["notice", "warning", "critical"];

export interface RuleSet {
  /** GMV down this share or more against the previous day. */
  staticDrop: { warning: number; critical: number };
  /** Outside mean ± k·σ of the same weekday over the last `weeks` weeks. */
  dynamic: { weeks: number; k: number; level: Level };
  /** UV up at least `uvUp` while conversion falls at least `conversionDown`. */
  correlated: { uvUp: number; conversionDown: number; level: Level };
}

export const DEFAULT_RULES: RuleSet = {
  staticDrop: { warning: 0.2, critical: 0.4 },
  dynamic: { weeks: 4, k: 2, level: "notice" },
  correlated: { uvUp: 0.1, conversionDown: 0.2, level: "warning" },
};

export interface Finding {
  rule: "static" | "dynamic" | "correlated";
  metric: "gmv" | "conversion";
  level: Level;
  value: number;
  reference: number;
  change: number | null;
}

export function findAnomalies(
  today: Totals,
  yesterday: Totals | null,
  sameWeekdays: Totals[],
  rules: RuleSet,
): Finding[] {
  const out: Finding[] = [];
  if (yesterday && yesterday.gmv > 0) {
    const c = change(today.gmv, yesterday.gmv)!;
    const level = c <= -rules.staticDrop.critical ? "critical" : c <= -rules.staticDrop.warning ? "warning" : null;
    if (level)
      out.push({ rule: "static", metric: "gmv", level, value: today.gmv, reference: yesterday.gmv, change: c });
  }
  if (sameWeekdays.length >= 3) {
    const xs = sameWeekdays.map((t) => t.gmv);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    if (sd > 0 && Math.abs(today.gmv - mean) > rules.dynamic.k * sd) {
      out.push({
        rule: "dynamic",
        metric: "gmv",
        level: rules.dynamic.level,
        value: today.gmv,
        reference: cents(mean),
        change: change(today.gmv, mean),
      });
    }
  }
  if (yesterday) {
    const uvChange = change(today.uv, yesterday.uv);
    const crNow = div(today.buyers, today.uv);
    const crBefore = div(yesterday.buyers, yesterday.uv);
    const crChange = crNow != null && crBefore ? (crNow - crBefore) / crBefore : null;
    if (
      uvChange != null &&
      crChange != null &&
      uvChange >= rules.correlated.uvUp &&
      crChange <= -rules.correlated.conversionDown
    ) {
      out.push({
        rule: "correlated",
        metric: "conversion",
        level: rules.correlated.level,
        value: crNow!,
        reference: crBefore!,
        change: crChange,
      });
    }
  }
  return out;
}

// T0 arithmetic, pure: the day's plan curve, the hourly rules, the card's little chart, and when
// the data counts as stale. No database, no Slack.
export type Level = "notice" | "warning" | "critical";
export const LEVELS: readonly Level[] = ["notice", "warning", "critical"];

export interface HourFigures {
  gmv: number;
  uv: number;
  buyers: number;
  orders: number;
}

/**
 * A shop's day when there is no earlier event to copy: quiet nights, a morning rise, an afternoon
 * plateau and the evening peak (20:00–22:00) of Chinese e-commerce. Relative weights per hour.
 */
export const TYPICAL_DAY = [
  3, 1.5, 1, 0.7, 0.5, 0.5, 0.8, 1.5, 2.5, 4, 5.5, 6, 5.5, 5, 5, 5, 5, 5, 5.5, 6.5, 8, 8.5, 7.5, 5,
] as const;

/**
 * The plan for each hour: the previous comparable event's hourly shape scaled to this event's
 * day plan. Without an earlier event (or with no GMV in it), a typical day's shape: spreading the
 * plan evenly would call every quiet night hour a shortfall.
 */
export function planCurve(previous: readonly (HourFigures | undefined)[] | null, dayPlan: number): number[] {
  const prev = Array.from({ length: 24 }, (_, h) => previous?.[h]?.gmv ?? 0);
  const shape = prev.some((g) => g > 0) ? prev : [...TYPICAL_DAY];
  const total = shape.reduce((a, b) => a + b, 0);
  return shape.map((g) => round2((g / total) * dayPlan));
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

/** What the hourly rules found at the last hour with data. */
export type Finding =
  | {
      rule: "gmv_under_plan";
      level: Level;
      hour: number;
      hours: { hour: number; actual: number; plan: number; short: number }[];
    }
  | {
      rule: "conversion_drop";
      level: Level;
      hour: number;
      conversion: number;
      before: number;
      uv: number;
      uvBefore: number;
    };

/** How far under plan each level starts (0.3 = 30% under): notice for one hour, the others for two running. */
export interface Thresholds {
  notice: number;
  warning: number;
  critical: number;
}
export const DEFAULT_THRESHOLDS: Thresholds = { notice: 0.2, warning: 0.3, critical: 0.5 };

/** Shortfall of an hour against its plan (0.3 = 30% under), or null without a plan. */
const shortfall = (actual: number, plan: number) => (plan > 0 ? 1 - actual / plan : null);

/**
 * The rules at hour `last` (the latest hour with data): GMV 20% under plan for the hour is a
 * notice, 30% under for two hours running a warning, 50% under for two hours running critical
 * (the team's own thresholds when set); conversion at half the hour before's or less while UV
 * rises is a warning.
 */
export function hourlyFindings(
  hours: readonly (HourFigures | undefined)[],
  plan: readonly number[],
  last: number,
  th: Thresholds = DEFAULT_THRESHOLDS,
): Finding[] {
  const out: Finding[] = [];
  const now = hours[last];
  if (!now) return out;
  const before = last > 0 ? hours[last - 1] : undefined;
  const sNow = shortfall(now.gmv, plan[last] ?? 0);
  const sBefore = before ? shortfall(before.gmv, plan[last - 1] ?? 0) : null;
  const both = (x: number) => sNow !== null && sBefore !== null && sNow >= x && sBefore >= x;
  const level: Level | undefined = both(th.critical)
    ? "critical"
    : both(th.warning)
      ? "warning"
      : sNow !== null && sNow >= th.notice
        ? "notice"
        : undefined;
  if (level) {
    const shown = level === "notice" ? [last] : [last - 1, last];
    out.push({
      rule: "gmv_under_plan",
      level,
      hour: last,
      hours: shown.map((h) => ({
        hour: h,
        actual: hours[h]!.gmv,
        plan: plan[h] ?? 0,
        short: shortfall(hours[h]!.gmv, plan[h] ?? 0) ?? 0,
      })),
    });
  }
  if (before && before.uv > 0 && now.uv > before.uv) {
    const cr = now.buyers / now.uv;
    const crBefore = before.buyers / before.uv;
    if (crBefore > 0 && cr <= crBefore / 2)
      out.push({
        rule: "conversion_drop",
        level: "warning",
        hour: last,
        conversion: cr,
        before: crBefore,
        uv: now.uv,
        uvBefore: before.uv,
      });
  }
  return out;
}

const BARS = "▁▂▃▄▅▆▇█";

/** A row of bars for the hours so far, scaled to `max` (a flat "·" where an hour has no data yet). */
export function sparkline(values: readonly (number | undefined)[], max: number): string {
  return values
    .map((v) => (v === undefined ? "·" : BARS[max > 0 ? Math.min(7, Math.max(0, Math.round((v / max) * 7))) : 0]))
    .join("");
}

/**
 * Whether hourly rows have stopped: the row for the hour after the latest one is due when that
 * hour ends; more than two refresh intervals past that, the card says the data is stale.
 * `hourEnd(h)` is the instant hour h of the day ends.
 */
export function isStale(
  latestHour: number | undefined,
  now: Date,
  intervalMs: number,
  hourEnd: (h: number) => Date,
): boolean {
  const next = latestHour === undefined ? 0 : latestHour + 1;
  if (next > 23) return false;
  return now.getTime() > hourEnd(next).getTime() + 2 * intervalMs;
}

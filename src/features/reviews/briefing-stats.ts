// The daily briefing's numbers, as a pure function of the reviews of the day, the day before and
// the seven days before it.
import { CAUSES, type Cause } from "./rules.ts";

export interface StatReview {
  sku: string;
  rating: number;
  text: string;
  negative: boolean;
  causes: Cause[];
  hits: string[];
}

export interface CauseLine {
  cause: Cause;
  count: number;
  share: number;
  prevShare: number | null;
  avgShare: number | null;
}

export interface BriefingStats {
  total: number;
  negative: number;
  rate: number | null;
  prevRate: number | null;
  avgRate: number | null;
  causes: CauseLine[];
  keywords: [string, number][];
  skus: [string, number][];
  examples: StatReview[];
}

const rate = (rs: StatReview[]) => (rs.length ? rs.filter((r) => r.negative).length / rs.length : null);

function causeShares(rs: StatReview[]): Map<Cause, number> | null {
  const neg = rs.filter((r) => r.negative);
  if (neg.length === 0) return null;
  const m = new Map<Cause, number>();
  for (const c of CAUSES) m.set(c, neg.filter((r) => r.causes.includes(c)).length / neg.length);
  return m;
}

function top<T extends string>(items: T[], n: number): [T, number][] {
  const counts = new Map<T, number>();
  for (const i of items) counts.set(i, (counts.get(i) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n);
}

export function briefingStats(day: StatReview[], dayBefore: StatReview[], week: StatReview[]): BriefingStats {
  const neg = day.filter((r) => r.negative);
  const prev = causeShares(dayBefore);
  const avg = causeShares(week);
  const causes = CAUSES.map((cause) => {
    const count = neg.filter((r) => r.causes.includes(cause)).length;
    return {
      cause,
      count,
      share: neg.length ? count / neg.length : 0,
      prevShare: prev?.get(cause) ?? null,
      avgShare: avg?.get(cause) ?? null,
    };
  }).filter((c) => c.count > 0);
  return {
    total: day.length,
    negative: neg.length,
    rate: rate(day),
    prevRate: rate(dayBefore),
    avgRate: rate(week),
    causes: causes.sort((a, b) => b.count - a.count),
    keywords: top(
      neg.flatMap((r) => r.hits),
      5,
    ),
    skus: top(
      neg.map((r) => r.sku),
      3,
    ),
    examples: [...neg].sort((a, b) => a.rating - b.rating).slice(0, 5),
  };
}

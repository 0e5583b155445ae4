// The daily briefing's numbers, as a pure function of the counts of the day, the day before and
// the seven days before it (counted in SQL by briefing-sql.ts).
import type { DayDetail, Example, WindowCounts } from "./briefing-sql.ts";
import { CAUSES, type Cause } from "./rules.ts";

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
  examples: Example[];
  refunds: number;
}

const rate = (w: WindowCounts) => (w.total ? w.negative / w.total : null);
const share = (w: WindowCounts, c: Cause) => (w.negative ? (w.causes.get(c) ?? 0) / w.negative : null);

function top(counts: Map<string, number>, n: number): [string, number][] {
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n);
}

export function briefingStats(day: DayDetail, dayBefore: WindowCounts, week: WindowCounts): BriefingStats {
  const causes = CAUSES.map((cause) => {
    const count = day.causes.get(cause) ?? 0;
    return {
      cause,
      count,
      share: day.negative ? count / day.negative : 0,
      prevShare: share(dayBefore, cause),
      avgShare: share(week, cause),
    };
  }).filter((c) => c.count > 0);
  return {
    total: day.total,
    negative: day.negative,
    rate: rate(day),
    prevRate: rate(dayBefore),
    avgRate: rate(week),
    causes: causes.sort((a, b) => b.count - a.count),
    keywords: top(day.hits, 5),
    skus: top(day.skus, 3),
    examples: day.examples,
    refunds: day.refunds,
  };
}

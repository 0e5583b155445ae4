// The complaint report: pure arithmetic over the cases of a period, against DOMAIN.md's targets.
import { CAUSES, type Cause } from "./rules.ts";

export interface ReportCase {
  cause: string;
  tier: number;
  startTier: number;
  urgency: string;
  escalations: number;
  breaches: number;
  createdAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  satisfaction: number | null;
}

export interface ComplaintReport {
  total: number;
  byCause: Record<Cause, number>;
  byTier: Record<1 | 2 | 3, number>;
  escalated: number;
  escalatedShare: number | null;
  /** Urgent cases acknowledged without a breach, of urgent cases acknowledged or breached. */
  responseSla: number | null;
  /** General cases resolved without a breach, of general cases resolved or breached. */
  resolutionSla: number | null;
  medianAckMs: number | null;
  medianResolveMs: number | null;
  /** Resolved at the tier it started, never escalated, of resolved cases. */
  firstContactResolution: number | null;
  satisfaction: number | null;
  ratings: number;
}

export const TARGET_FCR = 0.85;
export const TARGET_CSAT = 4.8;

export function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const share = (n: number, d: number) => (d === 0 ? null : n / d);

export function buildReport(cases: ReportCase[]): ComplaintReport {
  const byCause = Object.fromEntries(CAUSES.map((c) => [c, 0])) as Record<Cause, number>;
  const byTier = { 1: 0, 2: 0, 3: 0 };
  for (const c of cases) {
    byCause[(CAUSES as readonly string[]).includes(c.cause) ? (c.cause as Cause) : "other"]++;
    byTier[Math.min(3, Math.max(1, c.tier)) as 1 | 2 | 3]++;
  }
  const escalated = cases.filter((c) => c.escalations > 0).length;
  const urgent = cases.filter((c) => c.urgency === "urgent" && (c.acknowledgedAt || c.breaches > 0));
  const general = cases.filter((c) => c.urgency === "general" && (c.resolvedAt || c.breaches > 0));
  const resolved = cases.filter((c) => c.resolvedAt);
  const rated = cases.filter((c) => c.satisfaction != null);
  return {
    total: cases.length,
    byCause,
    byTier,
    escalated,
    escalatedShare: share(escalated, cases.length),
    responseSla: share(urgent.filter((c) => c.breaches === 0).length, urgent.length),
    resolutionSla: share(general.filter((c) => c.breaches === 0).length, general.length),
    medianAckMs: median(
      cases.filter((c) => c.acknowledgedAt).map((c) => c.acknowledgedAt!.getTime() - c.createdAt.getTime()),
    ),
    medianResolveMs: median(resolved.map((c) => c.resolvedAt!.getTime() - c.createdAt.getTime())),
    firstContactResolution: share(
      resolved.filter((c) => c.escalations === 0 && c.tier === c.startTier).length,
      resolved.length,
    ),
    satisfaction: rated.length
      ? Math.round((rated.reduce((a, c) => a + c.satisfaction!, 0) / rated.length) * 100) / 100
      : null,
    ratings: rated.length,
  };
}

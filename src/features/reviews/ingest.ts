// Storing reviews: once per (platform, review id), classified on the way in; critical ones alert.
import type { Deps } from "../../deps.ts";
import { raiseAlerts } from "./alerts.ts";
import { matcherFor } from "./keywords.ts";
import { classify } from "./matcher.ts";
import type { ParsedReview } from "./schema.ts";

export interface IngestResult {
  stored: number;
  duplicates: number;
  critical: number;
}

export async function ingestReviews(deps: Deps, reviews: ParsedReview[]): Promise<IngestResult> {
  const matcher = await matcherFor(deps);
  const result: IngestResult = { stored: 0, duplicates: 0, critical: 0 };
  const criticalIds: string[] = [];
  // Chunks keep each transaction short, so the outbox and timers aren't held up by a big import.
  for (let i = 0; i < reviews.length; i += 200) {
    const chunk = reviews.slice(i, i + 200);
    await deps.db.$transaction(async (tx) => {
      for (const r of chunk) {
        const exists = await tx.review.findUnique({ where: { platform_reviewId: { platform: r.platform, reviewId: r.reviewId } }, select: { id: true } });
        if (exists) {
          result.duplicates++;
          continue;
        }
        const hits = matcher.match(r.text);
        const c = classify(r.rating, hits);
        const row = await tx.review.create({
          data: {
            ...r,
            negative: c.negative,
            causes: JSON.stringify(c.causes),
            hits: JSON.stringify(hits.map((h) => h.word)),
            severity: c.severity,
            createdAt: deps.clock.now(),
          },
        });
        result.stored++;
        if (c.severity === "critical") criticalIds.push(row.id);
      }
    });
  }
  result.critical = criticalIds.length;
  if (criticalIds.length) await raiseAlerts(deps, criticalIds);
  return result;
}

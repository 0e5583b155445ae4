// Storing reviews: once per (platform, review id), classified on the way in; critical ones alert.
// Set-based: each slice of reviews is one INSERT … ON CONFLICT DO NOTHING RETURNING "id", so the
// ids that come back are exactly the reviews stored now (the others were already there), with a
// turn of the event loop between slices. Only recent critical reviews alert: a backfill of last
// month's reviews feeds the briefings and history, not the alert channel.
import type { Deps } from "../../deps.ts";
import { newId } from "../../infra/db/ids.ts";
import type { Param } from "../../infra/db/sql.ts";
import { raiseAlerts } from "./alerts.ts";
import { matcherFor } from "./keywords.ts";
import { hintsFor } from "./cause-hints.ts";
import { classify } from "./rules.ts";
import type { ParsedReview } from "./schema-rows.ts";

export interface IngestResult {
  stored: number;
  duplicates: number;
  critical: number;
}

/** Reviews older than this when they arrive are stored without an alert. */
export const ALERT_WINDOW_MS = 48 * 3600_000;
const SLICE = 500;
const COLUMNS = [
  "id",
  "platform",
  "reviewId",
  "orderId",
  "sku",
  "rating",
  "text",
  "reviewedAt",
  "negative",
  "causes",
  "hits",
  "severity",
  "createdAt",
];
const insertSql = (n: number) =>
  `INSERT INTO "Review" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${Array.from({ length: n }, () => `(${COLUMNS.map(() => "?").join(", ")})`).join(", ")} ON CONFLICT ("platform", "reviewId") DO NOTHING RETURNING "id"`;
const yieldTurn = () => new Promise<void>((r) => setImmediate(r));

export class ReviewIngest {
  readonly result: IngestResult = { stored: 0, duplicates: 0, critical: 0 };
  private alertIds: string[] = [];

  constructor(private deps: Deps) {}

  async add(reviews: readonly ParsedReview[]): Promise<void> {
    const matcher = await matcherFor(this.deps);
    const hints = await hintsFor(this.deps);
    const now = this.deps.clock.now();
    for (let i = 0; i < reviews.length; i += SLICE) {
      // The same review twice in one upload is stored once, like a re-send.
      const seen = new Set<string>();
      const slice = reviews.slice(i, i + SLICE).filter((r) => {
        const k = `${r.platform}\u0000${r.reviewId}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
      const critical = new Set<string>();
      const recent = new Set<string>();
      const params: Param[] = [];
      for (const r of slice) {
        const hits = matcher.match(r.text);
        const c = classify(r.rating, hits, r.text, hints);
        const id = newId();
        if (c.severity === "critical") {
          critical.add(id);
          if (now.getTime() - r.reviewedAt.getTime() <= ALERT_WINDOW_MS) recent.add(id);
        }
        params.push(
          id,
          r.platform,
          r.reviewId,
          r.orderId,
          r.sku,
          r.rating,
          r.text,
          r.reviewedAt,
          c.negative,
          JSON.stringify(c.causes),
          JSON.stringify(hits.map((h) => h.word)),
          c.severity,
          now,
        );
      }
      const stored = (await this.deps.sql.tx((q) => q.all<{ id: string }>(insertSql(slice.length), params))).map(
        (s) => s.id,
      );
      const sent = Math.min(SLICE, reviews.length - i);
      this.result.stored += stored.length;
      this.result.duplicates += sent - stored.length;
      for (const id of stored) {
        if (critical.has(id)) this.result.critical++;
        if (recent.has(id)) this.alertIds.push(id);
      }
      this.deps.metrics.ingestedRows.inc({ kind: "reviews", outcome: "stored" }, stored.length);
      this.deps.metrics.ingestedRows.inc({ kind: "reviews", outcome: "duplicate" }, sent - stored.length);
      await yieldTurn();
    }
  }

  async finish(): Promise<IngestResult> {
    if (this.alertIds.length) await raiseAlerts(this.deps, this.alertIds.splice(0));
    return this.result;
  }
}

export async function ingestReviews(deps: Deps, reviews: readonly ParsedReview[]): Promise<IngestResult> {
  const ingest = new ReviewIngest(deps);
  await ingest.add(reviews);
  return ingest.finish();
}

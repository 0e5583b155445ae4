// Reviews from a platform's review export (intake/exports/), the reading half (pure: the thread
// that reads an export runs it): 初评 and 追评 become two reviews, the
// follow-up with its own time, since a follow-up is often the complaint ("用了一周就坏了") and
// comes days after the first. Exports without a review id get one from the review's own content,
// so re-importing the same export (or a later one that overlaps it) stores each review once.
import { createHash } from "node:crypto";
import type { ExportReading } from "../../intake/exports/read-export.ts";
import type { RowProblem } from "../../intake/exports/summary.ts";
import { validateRow, type ParsedReview } from "./schema-rows.ts";

const idOf = (...parts: unknown[]) =>
  "x" +
  createHash("sha1")
    .update(parts.map((p) => String(p ?? "")).join("\u0000"))
    .digest("hex")
    .slice(0, 20);

export const reviewsReading: ExportReading<ParsedReview> = {
  kind: "reviews",
  targets: ["reviews"],
  convert(preset, rows, o) {
    const out = { items: [] as ParsedReview[], problems: [] as RowProblem[] };
    const zone = preset.timezone ?? o.teamZone;
    const iso = (ms: unknown) => (typeof ms === "number" ? new Date(ms).toISOString() : undefined);
    for (const { row, fields: f } of rows) {
      const platform = String(f.platform ?? preset.platform);
      const id = String(f.review_id ?? idOf(f.order_id, f.sku, f.time, f.text));
      const first = { platform, review_id: id, order_id: f.order_id, sku: f.sku, rating: f.rating, text: f.text };
      const reads = [validateRow({ ...first, time: iso(f.time) }, row, zone)];
      if (f.followup) {
        const time = iso(f.followup_time ?? f.time);
        reads.push(validateRow({ ...first, review_id: `${id}:f`, text: f.followup, time }, row, zone));
      }
      for (const v of reads)
        if (v.ok) out.items.push(v.review);
        else
          out.problems.push(
            ...v.problems.map((p) => ({ row, column: o.columns[p.field] ?? p.field, message: p.message })),
          );
    }
    return out;
  },
};

// The shape of a review wherever it comes from (webhook JSON, NDJSON, CSV, a script).
import { inPlainWords } from "../../infra/plain-issues.ts";
import { TZDate } from "@date-fns/tz";
import { z } from "zod";

const localDateTime = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** ISO with an offset, or a spreadsheet's "2026-11-27 14:05" read in the team's zone. */
export function parseTime(s: string, timeZone: string): Date | undefined {
  const m = localDateTime.exec(s.trim());
  if (m) {
    const [, y, mo, d, h = "0", mi = "0", se = "0"] = m;
    const dt = new TZDate(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se), timeZone);
    if (dt.getMonth() !== Number(mo) - 1 || dt.getDate() !== Number(d)) return undefined;
    return new Date(dt.getTime());
  }
  const t = Date.parse(s);
  return Number.isNaN(t) || !/[zZ]|[+-]\d{2}:?\d{2}$/.test(s.trim()) ? undefined : new Date(t);
}

export const ReviewInput = z.object({
  platform: z.string().trim().min(1, "required").max(30),
  review_id: z.coerce.string().trim().min(1, "required").max(100),
  order_id: z.coerce.string().trim().max(100).optional().nullable(),
  sku: z.coerce.string().trim().min(1, "required").max(100),
  rating: z.coerce
    .number({ error: "a whole number from 1 to 5" })
    .int("a whole number from 1 to 5")
    .min(1, "a whole number from 1 to 5")
    .max(5, "a whole number from 1 to 5"),
  text: z.string().max(5000).default(""),
  time: z.string().min(1, "required, e.g. 2026-11-27 14:05 or 2026-11-27T06:05:00Z"),
});
export type ReviewInput = z.infer<typeof ReviewInput>;

export interface ParsedReview {
  platform: string;
  reviewId: string;
  orderId: string | null;
  sku: string;
  rating: number;
  text: string;
  reviewedAt: Date;
}

export interface RowProblem {
  row: number;
  field: string;
  message: string;
}

/** Accepts camelCase aliases too (reviewId, orderId), as scripts often send them. */
export function validateRow(
  raw: unknown,
  row: number,
  timeZone: string,
): { ok: true; review: ParsedReview } | { ok: false; problems: RowProblem[] } {
  const r = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const aliased = {
    ...r,
    review_id: r.review_id ?? r.reviewId,
    order_id: r.order_id ?? r.orderId,
    time: r.time ?? r.created_at ?? r.reviewedAt,
  };
  const p = ReviewInput.safeParse(aliased);
  if (!p.success)
    return {
      ok: false,
      problems: p.error.issues.map((i) => ({
        row,
        field: String(i.path[0] ?? "row"),
        message: inPlainWords(i.message),
      })),
    };
  const reviewedAt = parseTime(p.data.time, timeZone);
  if (!reviewedAt)
    return { ok: false, problems: [{ row, field: "time", message: `"${p.data.time}" is not a date and time` }] };
  return {
    ok: true,
    review: {
      platform: p.data.platform.toLowerCase(),
      reviewId: p.data.review_id,
      orderId: p.data.order_id || null,
      sku: p.data.sku,
      rating: p.data.rating,
      text: p.data.text,
      reviewedAt,
    },
  };
}

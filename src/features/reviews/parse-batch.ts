// Turning a file or a request body into validated reviews, with every bad row named.
import { readCsvTable } from "../../infra/csv.ts";
import { validateRow, type ParsedReview, type RowProblem } from "./schema-rows.ts";

export interface Batch {
  reviews: ParsedReview[];
  problems: RowProblem[];
}

const COLUMNS = ["platform", "review_id", "order_id", "sku", "rating", "text", "time"];
const REQUIRED = ["platform", "review_id", "sku", "rating", "time"];

function collect(rows: { row: number; raw: unknown }[], timeZone: string): Batch {
  const out: Batch = { reviews: [], problems: [] };
  for (const { row, raw } of rows) {
    const v = validateRow(raw, row, timeZone);
    if (v.ok) out.reviews.push(v.review);
    else out.problems.push(...v.problems);
  }
  return out;
}

/** CSV with a header line; rows are numbered as a spreadsheet shows them (the header is line 1). */
export function parseCsvReviews(bytes: Uint8Array, timeZone: string): Batch {
  const table = readCsvTable(bytes, COLUMNS, REQUIRED);
  if (table.problems.length) return { reviews: [], problems: table.problems };
  return collect(table.rows, timeZone);
}

/** JSON (an array, or {reviews:[…]}) or NDJSON (one review per line); rows count from 1. */
export function parseJsonReviews(text: string, timeZone: string): Batch {
  const trimmed = text.trim();
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
    try {
      const doc = JSON.parse(trimmed) as unknown;
      const list = Array.isArray(doc) ? doc : (doc as { reviews?: unknown }).reviews;
      if (Array.isArray(list))
        return collect(
          list.map((raw, i) => ({ row: i + 1, raw })),
          timeZone,
        );
      // One object on one line is one review (NDJSON of one line), if it looks like one.
      const looksLikeReview =
        doc !== null && typeof doc === "object" && ["platform", "review_id", "text", "rating"].some((k) => k in doc);
      if (!trimmed.includes("\n") && looksLikeReview) return collect([{ row: 1, raw: doc }], timeZone);
      if (!trimmed.includes("\n"))
        return {
          reviews: [],
          problems: [
            {
              row: 0,
              field: "body",
              message: 'expected a JSON array of reviews (or {"reviews": [...]}); got an object without review fields',
            },
          ],
        };
    } catch {
      if (!trimmed.includes("\n")) return { reviews: [], problems: [{ row: 1, field: "body", message: "not JSON" }] };
    }
  }
  const rows: { row: number; raw: unknown }[] = [];
  const problems: RowProblem[] = [];
  trimmed.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    try {
      rows.push({ row: i + 1, raw: JSON.parse(line) });
    } catch {
      problems.push({ row: i + 1, field: "line", message: "not a JSON object" });
    }
  });
  const b = collect(rows, timeZone);
  return { reviews: b.reviews, problems: [...problems, ...b.problems].sort((a, c) => a.row - c.row) };
}

// One row of an export read into the bot's fields, or left out with a reason (a totals row, an
// unpaid order, a note under the table), or named as a problem (a date or amount the bot can't
// read). Problems stop the import; skips are listed in the preview and the result.
import type { Match } from "./match.ts";
import { FIELDS } from "./preset.ts";
import { cleanText, isBlank, readHour, readNumber, readRating, readWallTime, type WallTime } from "./values.ts";

export type Value = string | number;

export type RowRead =
  | { kind: "ok"; row: number; fields: Record<string, Value> }
  | { kind: "skip"; row: number; reason: string }
  | { kind: "problem"; row: number; column: string; message: string; code: ProblemCode; raw: string };

/** What a cell that can't be read was expected to be; the preview says it in the reader's language. */
export type ProblemCode = "number" | "date" | "time" | "hour" | "rating";
const EXPECTED: Record<ProblemCode, string> = {
  number: "not a number",
  date: "not a date",
  time: "not a date and time",
  hour: "not an hour 0-23",
  rating: "not a rating 1-5 or 好评/中评/差评",
};

/** The reasons of the rows every export may leave out; a preset's own reasons are its author's words. */
export const SKIP_EMPTY = "empty row";
export const SKIP_TOTALS = "totals row";
export const skipMissing = (column: string) => `no ${column}`;

// The figures of a store report (every metrics field but its keys and times) and of an order.
const KEYS = new Set(["date", "hour", "time", "store", "channel", "sku"]);
const NUMBERS = new Set<string>([...FIELDS.metrics.filter((f) => !KEYS.has(f)), "amount", "refund", "quantity"]);
const MONEY = new Set(["gmv", "refunds", "ad_spend", "amount", "refund"]);
const TIMES = new Set(["time", "created_at", "paid_at", "followup_time"]);
const TOTALS = /^(合计|总计|汇总|小计|total|totals|grand total|sum|summary)[:：]?$/i;

export interface RowContext {
  match: Match;
  /** The export's wall-clock times as instants (zoneReader of its zone). */
  instant: (w: WallTime) => number;
  /** An instant's date and hour in the team's zone (localHours). */
  local: (ms: number) => { date: string; hour: number };
  /** The preset's skip patterns, compiled once. */
  skips: RegExp[];
}

/** A totals row's label: short text, never an order number or a date. */
const totals = (c: string | undefined) => c !== undefined && c.length <= 20 && TOTALS.test(cleanText(c));

type Kind = "number" | "date" | "time" | "hour" | "rating" | "text";

const kindOf = (f: string): Kind =>
  NUMBERS.has(f)
    ? "number"
    : f === "date"
      ? "date"
      : TIMES.has(f)
        ? "time"
        : f === "hour" || f === "rating"
          ? f
          : "text";

/**
 * The reader of one file's rows: what each column is worked out once, so that a row costs a few
 * µs (a million-row export is read in about the time its parsing takes).
 */
export function rowReader(ctx: RowContext): (cells: string[], row: number) => RowRead {
  const { preset, columns, header } = ctx.match;
  const name = (f: string) => header[columns[f] ?? -1] ?? f;
  const fields = Object.entries(columns).map(([f, at]) => ({ f, at, kind: kindOf(f), column: name(f) }));
  const skips = preset.skip
    .map((s, i) => ({ s, at: columns[s.field], re: ctx.skips[i]! }))
    .filter((x) => x.at !== undefined);
  const required = preset.required.map((f) => ({ at: columns[f]!, reason: skipMissing(name(f)) }));
  const problem = (row: number, column: string, code: ProblemCode, raw: string): RowRead => ({
    kind: "problem",
    row,
    column,
    code,
    raw: cleanText(raw),
    message: `${EXPECTED[code]}: “${cleanText(raw)}”`,
  });
  return (cells, row) => {
    if (cells.every(isBlank)) return { kind: "skip", row, reason: SKIP_EMPTY };
    if (totals(cells[0]) || totals(cells[1])) return { kind: "skip", row, reason: SKIP_TOTALS };
    for (const { s, at, re } of skips) {
      const v = cells[at!] ?? "";
      if ((s.empty && isBlank(v)) || (s.matches && re.test(cleanText(v))))
        return { kind: "skip", row, reason: s.reason };
    }
    for (const r of required) if (isBlank(cells[r.at] ?? "")) return { kind: "skip", row, reason: r.reason };
    const out: Record<string, Value> = {};
    for (const { f, at, kind, column } of fields) {
      const raw = cells[at] ?? "";
      if (isBlank(raw)) continue;
      if (kind === "number") {
        const n = readNumber(raw);
        if (n === undefined) continue;
        if (Number.isNaN(n)) return problem(row, column, "number", raw);
        // Shopify writes returns as negative sales; a refund is an amount either way.
        const v = f === "refunds" || f === "refund" ? Math.abs(n) : n;
        out[f] = MONEY.has(f) ? Math.round(v * 100) / 100 : v;
      } else if (kind === "date") {
        const w = readWallTime(raw, preset.dates);
        if (!w) return problem(row, column, "date", raw);
        out.date = w.date;
      } else if (kind === "time") {
        const w = readWallTime(raw, preset.dates);
        if (!w) return problem(row, column, "time", raw);
        // Kept as an instant (ms): a million rows need no date strings.
        const at = ctx.instant(w);
        out[f] = at;
        if (f === "time") {
          // An hourly report's "2026-11-11 10:00" is the hour from 10:00, in the team's zone.
          const local = ctx.local(at);
          out.date = local.date;
          if (w.hour !== undefined) out.hour = local.hour;
        }
      } else if (kind === "hour") {
        const h = readHour(raw);
        if (h === undefined) return problem(row, column, "hour", raw);
        out.hour = h;
      } else if (kind === "rating") {
        const r = readRating(raw);
        if (r === undefined) return problem(row, column, "rating", raw);
        out.rating = r;
      } else out[f] = cleanText(raw);
    }
    return { kind: "ok", row, fields: out };
  };
}

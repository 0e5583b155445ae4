// One row of an export read into the bot's fields, or left out with a reason (a totals row, an
// unpaid order, a note under the table), or named as a problem (a date or amount the bot can't
// read). Problems stop the import; skips are listed in the preview and the result.
import { formatInZone } from "../../infra/time.ts";
import type { Match } from "./match.ts";
import { cleanText, instantOf, isBlank, readHour, readNumber, readRating, readWallTime } from "./values.ts";

export type Value = string | number;

export type RowRead =
  | { kind: "ok"; row: number; fields: Record<string, Value> }
  | { kind: "skip"; row: number; reason: string }
  | { kind: "problem"; row: number; column: string; message: string };

const NUMBERS = new Set([
  "uv",
  "pv",
  "product_views",
  "cart_adds",
  "orders",
  "buyers",
  "gmv",
  "refunds",
  "ad_spend",
  "new_customers",
  "amount",
  "refund",
  "quantity",
]);
const MONEY = new Set(["gmv", "refunds", "ad_spend", "amount", "refund"]);
const TIMES = new Set(["time", "created_at", "paid_at", "followup_time"]);
const TOTALS = /^(合计|总计|汇总|小计|total|totals|grand total|sum|summary)[:：]?$/i;

export interface RowContext {
  match: Match;
  /** The zone the team's dates and hours are in. */
  teamZone: string;
}

export function readRow(cells: string[], row: number, ctx: RowContext): RowRead {
  const { preset, columns, header } = ctx.match;
  const cell = (f: string) => {
    const at = columns[f];
    return at === undefined ? undefined : (cells[at] ?? "");
  };
  const columnName = (f: string) => header[columns[f] ?? -1] ?? f;
  if (cells.every((c) => isBlank(c))) return { kind: "skip", row, reason: "empty row" };
  if (cells.slice(0, 2).some((c) => TOTALS.test(cleanText(c)))) return { kind: "skip", row, reason: "totals row" };
  for (const s of preset.skip) {
    const v = cell(s.field);
    if (v === undefined) continue;
    if ((s.empty && isBlank(v)) || (s.matches && new RegExp(s.matches, "i").test(cleanText(v))))
      return { kind: "skip", row, reason: s.reason };
  }
  for (const f of preset.required) {
    if (isBlank(cell(f) ?? "")) return { kind: "skip", row, reason: `no ${columnName(f)}` };
  }
  const zone = preset.timezone ?? ctx.teamZone;
  const fields: Record<string, Value> = {};
  for (const f of Object.keys(columns)) {
    const raw = cell(f) ?? "";
    const column = columnName(f);
    if (isBlank(raw)) continue;
    if (NUMBERS.has(f)) {
      const n = readNumber(raw);
      if (n === undefined) continue;
      if (Number.isNaN(n)) return { kind: "problem", row, column, message: `not a number: “${cleanText(raw)}”` };
      // Shopify writes returns as negative sales; a refund is an amount either way.
      const v = f === "refunds" || f === "refund" ? Math.abs(n) : n;
      fields[f] = MONEY.has(f) ? Math.round(v * 100) / 100 : v;
    } else if (f === "date") {
      const w = readWallTime(raw, preset.dates);
      if (!w) return { kind: "problem", row, column, message: `not a date: “${cleanText(raw)}”` };
      fields.date = w.date;
    } else if (TIMES.has(f)) {
      const w = readWallTime(raw, preset.dates);
      if (!w) return { kind: "problem", row, column, message: `not a date and time: “${cleanText(raw)}”` };
      const at = instantOf(w, zone);
      fields[f] = at.toISOString();
      if (f === "time") {
        // An hourly report's "2026-11-11 10:00" is the hour from 10:00, in the team's zone.
        fields.date = formatInZone(at, ctx.teamZone, "yyyy-MM-dd");
        if (w.hour !== undefined) fields.hour = Number(formatInZone(at, ctx.teamZone, "H"));
      }
    } else if (f === "hour") {
      const h = readHour(raw);
      if (h === undefined) return { kind: "problem", row, column, message: `not an hour 0-23: “${cleanText(raw)}”` };
      fields.hour = h;
    } else if (f === "rating") {
      const r = readRating(raw);
      if (r === undefined)
        return { kind: "problem", row, column, message: `not a rating 1-5 or 好评/中评/差评: “${cleanText(raw)}”` };
      fields.rating = r;
    } else fields[f] = cleanText(raw);
  }
  return { kind: "ok", row, fields };
}

// Metrics from a platform's export, the reading half (intake/exports/): a store report's days or
// hours read into metric rows, an order export's rows into orders. Pure and light, so the thread
// that reads an export runs it too; orders it stores itself there (plain SQL, storeOrders).
import type { ConvertOptions, ExportReading } from "../../intake/exports/read-export.ts";
import type { Preset } from "../../intake/exports/preset.ts";
import type { Value } from "../../intake/exports/rows.ts";
import type { RowProblem } from "../../intake/exports/summary.ts";
import { storeOrders, type OrderRecord } from "./export-orders.ts";
import { validateMetricRow, type MetricRecord } from "./schema-rows.ts";

type Row = { row: number; fields: Record<string, Value> };
export type ExportRecord = MetricRecord | OrderRecord;

function metricRows(preset: Preset, rows: Row[], o: ConvertOptions) {
  const out = { items: [] as MetricRecord[], problems: [] as RowProblem[] };
  for (const { row, fields } of rows) {
    const v = validateMetricRow(
      { ...fields, store: fields.store ?? o.store, channel: fields.channel ?? preset.channel ?? "all" },
      row,
    );
    if (v.ok) out.items.push(v.record);
    else
      out.problems.push(
        ...v.problems.map((p) => ({ row: p.row, column: o.columns[p.field] ?? p.field, message: p.message })),
      );
  }
  return out;
}

function orderRows(preset: Preset, rows: Row[], o: ConvertOptions) {
  const out = { items: [] as OrderRecord[], problems: [] as RowProblem[] };
  for (const { row, fields } of rows) {
    const at = o.local(Number(fields.paid_at ?? fields.created_at));
    const amount = Number(fields.amount ?? 0);
    if (amount < 0) {
      out.problems.push({ row, column: o.columns.amount ?? "amount", message: "cannot be negative" });
      continue;
    }
    const orderId = String(fields.order_id);
    out.items.push({
      platform: preset.platform,
      lineId: String(fields.line_id ?? orderId),
      orderId,
      store: String(fields.store ?? o.store),
      channel: String(fields.channel ?? preset.channel ?? preset.platform),
      date: at.date,
      hour: at.hour,
      // A platform that hides its buyers (拼多多): each order counts as a buyer.
      buyer: String(fields.buyer ?? orderId),
      amount,
      refund: Math.abs(Number(fields.refund ?? 0)),
      quantity: Math.round(Number(fields.quantity ?? 0)),
    });
  }
  return out;
}

export const metricsReading: ExportReading<ExportRecord> = {
  kind: "metrics",
  targets: ["metrics", "orders"],
  convert: (preset, rows, o) => (preset.target === "orders" ? orderRows(preset, rows, o) : metricRows(preset, rows, o)),
  // Orders need SQL alone; a store report's rows go through MetricIngest (its alerts), in the bot.
  storer: (preset) =>
    preset.target === "orders" ? (sql, items) => storeOrders(sql, items as OrderRecord[]) : undefined,
};

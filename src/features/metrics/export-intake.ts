// Metrics from a platform's export (intake/exports/): a store report's days or hours become
// metric rows; an order export's orders are kept and summed into hours (export-orders.ts).
// A report carries some figures, not all (Shopify's sales and its sessions are two exports): a
// re-import updates the figures its columns carry and keeps the others as stored.
import type { Deps } from "../../deps.ts";
import type { ConvertOptions, ExportIntake } from "../../intake/exports/run-export.ts";
import type { Preset } from "../../intake/exports/preset.ts";
import type { Value } from "../../intake/exports/rows.ts";
import type { RowProblem } from "../../intake/exports/summary.ts";
import { orderStream, type OrderRecord } from "./export-orders.ts";
import { MetricIngest } from "./ingest.ts";
import { validateMetricRow, type MetricRecord } from "./schema-rows.ts";

type Row = { row: number; fields: Record<string, Value> };
export type ExportRecord = MetricRecord | OrderRecord;

/** The bot's field names in the export presets → the record's. */
const RECORD_KEY: Record<string, keyof MetricRecord> = {
  uv: "uv",
  pv: "pv",
  product_views: "productViews",
  cart_adds: "cartAdds",
  orders: "orders",
  buyers: "buyers",
  gmv: "gmv",
  refunds: "refunds",
  ad_spend: "adSpend",
  new_customers: "newCustomers",
};

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

/** The figures a file didn't carry, as stored: one read per store, channel, SKU and hour. */
async function keepUnmapped(deps: Deps, items: MetricRecord[], mapped: string[]): Promise<MetricRecord[]> {
  const missing = Object.entries(RECORD_KEY).filter(([f]) => !mapped.includes(f));
  if (!missing.length || !items.length) return items;
  const groups = new Map<string, MetricRecord[]>();
  for (const r of items) {
    const k = JSON.stringify([r.store, r.channel, r.sku, r.hour]);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(r);
  }
  for (const list of groups.values()) {
    const { store, channel, sku, hour } = list[0]!;
    const stored = await deps.sql.all<Record<string, unknown>>(
      `SELECT * FROM "MetricRow" WHERE "store" = ? AND "hour" = ? AND "channel" = ? AND "sku" = ?
       AND "date" IN (${list.map(() => "?").join(", ")})`,
      [store, hour, channel, sku, ...list.map((r) => r.date)],
    );
    const byDate = new Map(stored.map((s) => [String(s.date), s]));
    for (const r of list) {
      const s = byDate.get(r.date);
      if (s) for (const [, key] of missing) (r[key] as number) = Number(s[key] ?? 0);
    }
  }
  return items;
}

export const metricsExport: ExportIntake<ExportRecord> = {
  kind: "metrics",
  targets: ["metrics", "orders"],
  convert: (preset, rows, o) => (preset.target === "orders" ? orderRows(preset, rows, o) : metricRows(preset, rows, o)),
  stream(deps, preset, o) {
    if (preset.target === "orders") return orderStream(deps) as never;
    const ingest = new MetricIngest(deps);
    return {
      add: async (items) => ingest.add(await keepUnmapped(deps, items as MetricRecord[], o.mapped)),
      finish: async () => ({ ...(await ingest.finish()) }),
    };
  },
};

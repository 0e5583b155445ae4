// Metrics from a platform's export (intake/exports/), the storing half: a store report's rows
// become metric rows (MetricIngest); an order export's orders are kept and summed into hours
// (export-orders.ts). The reading half is export-reading.ts.
// A report carries some figures, not all (Shopify's sales and its sessions are two exports): a
// re-import updates the figures its columns carry and keeps the others as stored.
import type { Deps } from "../../deps.ts";
import type { ExportIntake } from "../../intake/exports/run-export.ts";
import { orderStream } from "./export-order-stream.ts";
import { metricsReading, type ExportRecord } from "./export-reading.ts";
import { MetricIngest } from "./ingest.ts";
import type { MetricRecord } from "./schema-rows.ts";

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
  ...metricsReading,
  stream(deps, preset, o) {
    if (preset.target === "orders") return orderStream(deps) as never;
    const ingest = new MetricIngest(deps);
    return {
      add: async (items) => ingest.add(await keepUnmapped(deps, items as MetricRecord[], o.mapped)),
      finish: async () => ({ ...(await ingest.finish()) }),
    };
  },
};

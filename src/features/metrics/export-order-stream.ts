// An order export's side in the bot: the orders are stored (here, or by the thread that read
// them, which reports what it touched), then the hours of the days they touched are summed again
// from every order stored for them and ingested as hourly metric rows.
import type { Deps } from "../../deps.ts";
import { readerOf, type ReadSql } from "../../infra/db/sql.ts";
import type { Stream } from "../../intake/intake.ts";
import { storeOrders, type OrderRecord, type OrdersStored } from "./export-orders.ts";
import { MetricIngest } from "./ingest.ts";
import type { MetricRecord } from "./schema-rows.ts";

/** Rows per transaction when the bot stores the orders itself. */
const ROWS_PER_TX = 2000;

/** The hours of these days summed from every order stored for them: the hourly metric rows. */
async function hoursOf(q: ReadSql, store: string, channel: string, dates: string[]): Promise<MetricRecord[]> {
  const rows = await q.all<{
    date: string;
    hour: number;
    orders: number;
    buyers: number;
    gmv: number;
    refunds: number;
  }>(
    `SELECT "date", "hour", COUNT(DISTINCT "orderId") AS "orders", COUNT(DISTINCT "buyer") AS "buyers",
            SUM("amount") AS "gmv", SUM("refund") AS "refunds"
     FROM "ExportOrder" WHERE "store" = ? AND "channel" = ? AND "date" IN (${dates.map(() => "?").join(", ")})
     GROUP BY "date", "hour"`,
    [store, channel, ...dates],
  );
  return rows.map((r) => ({
    date: String(r.date),
    hour: Number(r.hour),
    store,
    channel,
    sku: "",
    uv: 0,
    pv: 0,
    productViews: 0,
    cartAdds: 0,
    orders: Number(r.orders),
    buyers: Number(r.buyers),
    gmv: Math.round(Number(r.gmv) * 100) / 100,
    refunds: Math.round(Number(r.refunds) * 100) / 100,
    adSpend: 0,
    newCustomers: 0,
  }));
}

export function orderStream(deps: Deps): Stream<OrderRecord> & { stored(s: OrdersStored): void } {
  /** store \0 channel → dates touched */
  const touched = new Map<string, Set<string>>();
  let orders = 0;
  const stored = (s: OrdersStored) => {
    for (const [k, dates] of s.touched) {
      if (!touched.has(k)) touched.set(k, new Set());
      for (const d of dates) touched.get(k)!.add(d);
    }
    orders += s.orders;
  };
  return {
    stored,
    async add(items) {
      for (let i = 0; i < items.length; i += ROWS_PER_TX) {
        stored(await storeOrders(deps.sql, items.slice(i, i + ROWS_PER_TX)));
        await new Promise<void>((r) => setImmediate(r));
      }
    },
    async finish() {
      const ingest = new MetricIngest(deps);
      let hours = 0;
      for (const [k, dates] of touched) {
        const [store = "", channel = ""] = k.split("\u0000");
        const list = [...dates].sort();
        for (let i = 0; i < list.length; i += 100) {
          // A day of a million orders summed: a long read, off the event loop on SQLite.
          const records = await hoursOf(readerOf(deps.sql), store, channel, list.slice(i, i + 100));
          hours += records.length;
          await ingest.add(records);
        }
      }
      const t = await ingest.finish();
      return { orders, hours, alerts: t.alerts, recorded: t.recorded };
    },
  };
}

// Order exports (淘宝/天猫, 拼多多, 抖店…): each order (or order line) is kept by its platform
// and id, and the hours the import touched are summed again from every order stored for them. So
// re-importing a file, an overlapping date range, or the same orders split over several files
// all give the same figures; the hourly rows then feed digests, alerts and the war room as any
// hourly feed does (ingest.ts).
import type { Deps } from "../../deps.ts";
import { readerOf, valueRows, type ReadSql, type Sql } from "../../infra/db/sql.ts";
import type { Stream } from "../../intake/intake.ts";
import { MetricIngest } from "./ingest.ts";
import type { MetricRecord } from "./schema-rows.ts";

export interface OrderRecord {
  platform: string;
  lineId: string;
  orderId: string;
  store: string;
  channel: string;
  date: string;
  hour: number;
  buyer: string;
  amount: number;
  refund: number;
  quantity: number;
}

const COLUMNS = [
  "platform",
  "lineId",
  "orderId",
  "store",
  "channel",
  "date",
  "hour",
  "buyer",
  "amount",
  "refund",
  "quantity",
] as const;
const quoted = (c: string) => `"${c}"`;
/** 11 parameters a row: 2,000 rows stay under SQLite's 32,766 parameters. */
const ROWS_PER_STATEMENT = 2000;

// The statement's text for n rows, built once per size (a million-row import has two sizes).
const upsertTexts = new Map<number, string>();
const upsertSql = (n: number) => {
  let text = upsertTexts.get(n);
  if (!text) {
    text = `INSERT INTO "ExportOrder" (${COLUMNS.map(quoted).join(", ")}) VALUES ${valueRows(n, COLUMNS.length)}
   ON CONFLICT ("platform", "lineId") DO UPDATE SET ${COLUMNS.slice(2)
     .map((c) => `${quoted(c)} = excluded.${quoted(c)}`)
     .join(", ")}`;
    if (upsertTexts.size < 8) upsertTexts.set(n, text);
  }
  return text;
};

/** The rows' values in COLUMNS' order, one flat list (read field by field: no list per row). */
function valuesOf(rows: readonly OrderRecord[]): (string | number)[] {
  const out = new Array<string | number>(rows.length * COLUMNS.length);
  let i = 0;
  for (const o of rows) {
    out[i++] = o.platform;
    out[i++] = o.lineId;
    out[i++] = o.orderId;
    out[i++] = o.store;
    out[i++] = o.channel;
    out[i++] = o.date;
    out[i++] = o.hour;
    out[i++] = o.buyer;
    out[i++] = o.amount;
    out[i++] = o.refund;
    out[i++] = o.quantity;
  }
  return out;
}

async function upsertOrders(q: Sql, orders: readonly OrderRecord[]): Promise<void> {
  // One statement must not touch a key twice (PostgreSQL refuses): the last line of an id wins.
  const seen = new Map<string, number>();
  let twice = false;
  for (let i = 0; i < orders.length; i++) {
    const key = orders[i]!.platform + "\u0000" + orders[i]!.lineId;
    if (seen.has(key)) twice = true;
    seen.set(key, i);
  }
  const rows = twice ? orders.filter((o, i) => seen.get(o.platform + "\u0000" + o.lineId) === i) : orders;
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const slice = rows.slice(i, i + ROWS_PER_STATEMENT);
    await q.run(upsertSql(slice.length), valuesOf(slice));
  }
}

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

export function orderStream(deps: Deps): Stream<OrderRecord> {
  /** store \0 channel → dates touched */
  const touched = new Map<string, Set<string>>();
  let orders = 0;
  return {
    async add(items) {
      for (let i = 0; i < items.length; i += ROWS_PER_STATEMENT) {
        const slice = items.slice(i, i + ROWS_PER_STATEMENT);
        await deps.sql.tx((q) => upsertOrders(q, slice));
        for (const o of slice) {
          const k = `${o.store}\u0000${o.channel}`;
          if (!touched.has(k)) touched.set(k, new Set());
          touched.get(k)!.add(o.date);
        }
        orders += slice.length;
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

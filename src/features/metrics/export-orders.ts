// Order exports (淘宝/天猫, 拼多多, 抖店…): each order (or order line) is kept by its platform
// and id, and the hours the import touched are summed again from every order stored for them. So
// re-importing a file, an overlapping date range, or the same orders split over several files
// all give the same figures; the hourly rows then feed digests, alerts and the war room as any
// hourly feed does (export-order-stream.ts, ingest.ts). Storing needs plain SQL alone, so the
// thread that reads an export stores its orders itself.
import { valueRows, type Sql } from "../../infra/db/sql.ts";

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

/** What storing orders touched: "store \0 channel" → the dates, and how many orders. */
export interface OrdersStored {
  touched: [key: string, dates: string[]][];
  orders: number;
}

/**
 * Stores orders with plain SQL only, so the thread that reads an export can store them on a
 * connection of its own (sql.shared): one transaction per 2,000, each reporting what it touched.
 */
export async function storeOrders(sql: Sql, items: readonly OrderRecord[]): Promise<OrdersStored> {
  const touched = new Map<string, Set<string>>();
  for (let i = 0; i < items.length; i += ROWS_PER_STATEMENT) {
    const slice = items.slice(i, i + ROWS_PER_STATEMENT);
    await sql.tx((q) => upsertOrders(q, slice));
    for (const o of slice) {
      const k = `${o.store}\u0000${o.channel}`;
      if (!touched.has(k)) touched.set(k, new Set());
      touched.get(k)!.add(o.date);
    }
  }
  return { touched: [...touched].map(([k, dates]) => [k, [...dates]]), orders: items.length };
}

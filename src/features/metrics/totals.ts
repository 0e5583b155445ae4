// A store's totals for many days (or channels, or SKUs) in one grouped statement each, instead
// of one Prisma query per day. Money is summed in cents, exactly as rules.ts's sum() does, so a
// day's totals here and there agree to the cent.
import type { Dialect, Sql } from "../../infra/db/sql.ts";
import { ZERO, type Totals } from "./rules.ts";

const cents = (col: string, d: Dialect) =>
  d === "postgres" ? `ROUND(CAST("${col}" AS numeric) * 100)` : `CAST(ROUND("${col}" * 100) AS INTEGER)`;

const sums = (d: Dialect) =>
  [
    `SUM("uv") AS uv`,
    `SUM("pv") AS pv`,
    `SUM("productViews") AS "productViews"`,
    `SUM("cartAdds") AS "cartAdds"`,
    `SUM("orders") AS orders`,
    `SUM("buyers") AS buyers`,
    `SUM(${cents("gmv", d)}) AS "gmvCents"`,
    `SUM(${cents("refunds", d)}) AS "refundsCents"`,
    `SUM(${cents("adSpend", d)}) AS "adSpendCents"`,
    `SUM("newCustomers") AS "newCustomers"`,
  ].join(", ");

type SumRow = Record<keyof Omit<Totals, "gmv" | "refunds" | "adSpend">, number | bigint | string> & {
  gmvCents: number | bigint | string;
  refundsCents: number | bigint | string;
  adSpendCents: number | bigint | string;
};

const n = (v: unknown) => Number(v ?? 0);

function toTotals(r: SumRow): Totals {
  return {
    ...ZERO,
    uv: n(r.uv),
    pv: n(r.pv),
    productViews: n(r.productViews),
    cartAdds: n(r.cartAdds),
    orders: n(r.orders),
    buyers: n(r.buyers),
    gmv: n(r.gmvCents) / 100,
    refunds: n(r.refundsCents) / 100,
    adSpend: n(r.adSpendCents) / 100,
    newCustomers: n(r.newCustomers),
  };
}

/** The store's daily totals (all channels, no SKU rows), by date, for every day in [from, to] with data. */
export async function totalsByDay(q: Sql, store: string, from: string, to: string): Promise<Map<string, Totals>> {
  const rows = await q.all<SumRow & { date: string }>(
    `SELECT "date", ${sums(q.dialect)} FROM "MetricRow" WHERE "store" = ? AND "hour" = -1 AND "sku" = '' AND "date" >= ? AND "date" <= ? GROUP BY "date"`,
    [store, from, to],
  );
  return new Map(rows.map((r) => [r.date, toTotals(r)]));
}

/** The store's totals over [from, to] in one row, or null without data. */
export async function totalsOver(q: Sql, store: string, from: string, to = from): Promise<Totals | null> {
  const r = await q.get<SumRow & { days: number | bigint }>(
    `SELECT COUNT(*) AS days, ${sums(q.dialect)} FROM "MetricRow" WHERE "store" = ? AND "hour" = -1 AND "sku" = '' AND "date" >= ? AND "date" <= ?`,
    [store, from, to],
  );
  return r && n(r.days) > 0 ? toTotals(r) : null;
}

/** Totals per channel (or per SKU) over [from, to]. */
export async function totalsBy(
  q: Sql,
  what: "channel" | "sku",
  store: string,
  from: string,
  to = from,
): Promise<Map<string, Totals>> {
  const rows = await q.all<SumRow & { k: string }>(
    `SELECT "${what}" AS k, ${sums(q.dialect)} FROM "MetricRow" WHERE "store" = ? AND "hour" = -1 AND "sku" ${what === "sku" ? "<>" : "="} '' AND "date" >= ? AND "date" <= ? GROUP BY "${what}"`,
    [store, from, to],
  );
  return new Map(rows.map((r) => [r.k, toTotals(r)]));
}

/** Channel totals per day for the given days: the movers of many findings in one statement. */
export async function channelsByDay(
  q: Sql,
  store: string,
  dates: readonly string[],
): Promise<Map<string, Map<string, Totals>>> {
  const out = new Map<string, Map<string, Totals>>();
  if (!dates.length) return out;
  const rows = await q.all<SumRow & { date: string; channel: string }>(
    `SELECT "date", "channel", ${sums(q.dialect)} FROM "MetricRow" WHERE "store" = ? AND "hour" = -1 AND "sku" = '' AND "date" IN (${dates.map(() => "?").join(", ")}) GROUP BY "date", "channel"`,
    [store, ...dates],
  );
  for (const r of rows) {
    if (!out.has(r.date)) out.set(r.date, new Map());
    out.get(r.date)!.set(r.channel, toTotals(r));
  }
  return out;
}

/** Channels (or SKUs) whose GMV moved most between two periods. */
export function topMovers(now: Map<string, Totals>, before: Map<string, Totals>, n = 3): [string, number][] {
  const keys = new Set([...now.keys(), ...before.keys()]);
  return [...keys]
    .map((k) => [k, Math.round(((now.get(k)?.gmv ?? 0) - (before.get(k)?.gmv ?? 0)) * 100) / 100] as [string, number])
    .filter(([, d]) => d !== 0)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .slice(0, n);
}

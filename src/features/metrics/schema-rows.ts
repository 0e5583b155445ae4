// A metrics row wherever it comes from (webhook JSON, CSV, a script), validated field by field.
import { inPlainWords } from "../../infra/plain-issues.ts";
import { z } from "zod";
import { isRealDate } from "../../infra/time.ts";

const count = () =>
  z.coerce
    .number({ error: "a whole number" })
    .refine((n) => Number.isFinite(n), "a number, not text")
    .refine((n) => Number.isInteger(n), "a whole number")
    .refine((n) => n >= 0, "cannot be negative")
    .default(0);
const money = () =>
  z.coerce
    .number({ error: "an amount" })
    .refine((n) => Number.isFinite(n), "an amount, not text")
    .refine((n) => n >= 0, "cannot be negative")
    .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, "at most two decimals")
    .default(0);

export const MetricInput = z.object({
  date: z.string().trim().refine(isRealDate, "a real date as YYYY-MM-DD"),
  hour: z.coerce.number().int().min(0).max(23).optional(),
  store: z.string().trim().min(1, "required").max(60),
  channel: z.string().trim().max(60).optional(),
  sku: z.string().trim().max(100).optional(),
  uv: count(),
  pv: count(),
  product_views: count(),
  cart_adds: count(),
  orders: count(),
  buyers: count(),
  gmv: money(),
  refunds: money(),
  ad_spend: money(),
  new_customers: count(),
});

export const METRIC_COLUMNS = [
  "date",
  "hour",
  "store",
  "channel",
  "sku",
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
];

export interface MetricRecord {
  date: string;
  hour: number;
  store: string;
  channel: string;
  sku: string;
  uv: number;
  pv: number;
  productViews: number;
  cartAdds: number;
  orders: number;
  buyers: number;
  gmv: number;
  refunds: number;
  adSpend: number;
  newCustomers: number;
}

export interface RowProblem {
  row: number;
  field: string;
  message: string;
}

const COUNT_FIELDS = [
  ["uv", "uv"],
  ["pv", "pv"],
  ["product_views", "productViews"],
  ["cart_adds", "cartAdds"],
  ["orders", "orders"],
  ["buyers", "buyers"],
  ["new_customers", "newCustomers"],
] as const;
const MONEY_FIELDS = [
  ["gmv", "gmv"],
  ["refunds", "refunds"],
  ["ad_spend", "adSpend"],
] as const;
const given = (v: unknown) => v !== "" && v !== null && v !== undefined;

/** A whole number ≥ 0 as JSON or a spreadsheet gives it, or undefined for anything else. */
function plainCount(v: unknown): number | undefined {
  if (!given(v)) return 0;
  if (typeof v === "number") return Number.isInteger(v) && v >= 0 ? v : undefined;
  return typeof v === "string" && /^\d{1,15}$/.test(v) ? Number(v) : undefined;
}

function plainMoney(v: unknown): number | undefined {
  if (!given(v)) return 0;
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d{1,13}(\.\d{1,2})?$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) && n >= 0 && Math.abs(Math.round(n * 100) - n * 100) < 1e-6 ? n : undefined;
}

/**
 * The common case checked by hand: a backfill is a million rows, and zod's parse costs more than
 * storing one. A row this does not vouch for (anything unusual, any mistake) goes through the
 * zod schema, which names the problems; for a row both accept, both give the same record
 * (tests/unit/metrics-validate.test.ts checks that on random rows).
 */
export function plainRow(raw: Record<string, unknown>): MetricRecord | undefined {
  const date = typeof raw.date === "string" ? raw.date.trim() : undefined;
  const store = typeof raw.store === "string" ? raw.store.trim() : undefined;
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !isRealDate(date) || !store || store.length > 60) return undefined;
  let hour = -1;
  if (given(raw.hour)) {
    const h = plainCount(raw.hour);
    if (h === undefined || h > 23) return undefined;
    hour = h;
  }
  const channel = given(raw.channel) ? (typeof raw.channel === "string" ? raw.channel.trim() : undefined) : "";
  const sku = given(raw.sku) ? (typeof raw.sku === "string" ? raw.sku.trim() : undefined) : "";
  if (channel === undefined || channel.length > 60 || sku === undefined || sku.length > 100) return undefined;
  const r = { date, hour, store, channel: channel || "all", sku } as MetricRecord;
  for (const [from, to] of COUNT_FIELDS) {
    const n = plainCount(raw[from]);
    if (n === undefined) return undefined;
    r[to] = n;
  }
  for (const [from, to] of MONEY_FIELDS) {
    const n = plainMoney(raw[from]);
    if (n === undefined) return undefined;
    r[to] = n;
  }
  return r;
}

export function validateMetricRow(
  raw: Record<string, unknown>,
  row: number,
): { ok: true; record: MetricRecord } | { ok: false; problems: RowProblem[] } {
  const fast = raw && typeof raw === "object" ? plainRow(raw) : undefined;
  if (fast) return { ok: true, record: fast };
  return validateWithSchema(raw ?? {}, row);
}

/** The zod path: every row the fast path leaves, with each problem named. */
export function validateWithSchema(
  raw: Record<string, unknown>,
  row: number,
): { ok: true; record: MetricRecord } | { ok: false; problems: RowProblem[] } {
  // Empty cells in a spreadsheet mean "not given", not zero-length text.
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== "" && v !== null && v !== undefined));
  const p = MetricInput.safeParse(cleaned);
  if (!p.success)
    return {
      ok: false,
      problems: p.error.issues.map((i) => ({
        row,
        field: String(i.path[0] ?? "row"),
        message: inPlainWords(i.message),
      })),
    };
  const d = p.data;
  return {
    ok: true,
    record: {
      date: d.date,
      hour: d.hour ?? -1,
      store: d.store,
      channel: d.channel || "all",
      sku: d.sku ?? "",
      uv: d.uv,
      pv: d.pv,
      productViews: d.product_views,
      cartAdds: d.cart_adds,
      orders: d.orders,
      buyers: d.buyers,
      gmv: d.gmv,
      refunds: d.refunds,
      adSpend: d.ad_spend,
      newCustomers: d.new_customers,
    },
  };
}

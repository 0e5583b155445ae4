// A metrics row wherever it comes from (webhook JSON, CSV, a script), validated field by field.
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

export const METRIC_COLUMNS = ["date", "hour", "store", "channel", "sku", "uv", "pv", "product_views", "cart_adds", "orders", "buyers", "gmv", "refunds", "ad_spend", "new_customers"];

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

export function validateMetricRow(raw: Record<string, unknown>, row: number): { ok: true; record: MetricRecord } | { ok: false; problems: RowProblem[] } {
  // Empty cells in a spreadsheet mean "not given", not zero-length text.
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== "" && v !== null && v !== undefined));
  const p = MetricInput.safeParse(cleaned);
  if (!p.success) return { ok: false, problems: p.error.issues.map((i) => ({ row, field: String(i.path[0] ?? "row"), message: i.message })) };
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

// Reading and writing metric rows. Store totals are the daily (hour = -1), store-level (sku = "")
// rows summed over channels; SKU rows are detail and never double-count into the totals.
import type { Db, DbClient } from "../../infra/db.ts";
import { shiftDate } from "../../infra/time.ts";
import type { MetricRecord } from "./schema.ts";
import { sum, type Totals } from "./rules.ts";

/** Stores the records; a record for a key already present replaces it. */
export async function upsertMetrics(db: DbClient, records: MetricRecord[]): Promise<{ stored: number; replaced: number }> {
  let stored = 0;
  let replaced = 0;
  for (let i = 0; i < records.length; i += 200) {
    await db.$transaction(async (tx) => {
      for (const r of records.slice(i, i + 200)) {
        const where = { date_hour_store_channel_sku: { date: r.date, hour: r.hour, store: r.store, channel: r.channel, sku: r.sku } };
        const existing = await tx.metricRow.findUnique({ where, select: { id: true } });
        if (existing) {
          await tx.metricRow.update({ where: { id: existing.id }, data: r });
          replaced++;
        } else {
          await tx.metricRow.create({ data: r });
          stored++;
        }
      }
    });
  }
  return { stored, replaced };
}

export async function dayTotals(db: Db, store: string, from: string, to = from): Promise<Totals | null> {
  const rows = await db.metricRow.findMany({ where: { store, hour: -1, sku: "", date: { gte: from, lte: to } } });
  return rows.length ? sum(rows) : null;
}

export async function channelTotals(db: Db, store: string, from: string, to = from): Promise<Map<string, Totals>> {
  const rows = await db.metricRow.findMany({ where: { store, hour: -1, sku: "", date: { gte: from, lte: to } } });
  const by = new Map<string, typeof rows>();
  for (const r of rows) by.set(r.channel, [...(by.get(r.channel) ?? []), r]);
  return new Map([...by.entries()].map(([k, v]) => [k, sum(v)]));
}

/** SKU detail rows (sku ≠ ""), summed per SKU over a period. */
export async function skuTotals(db: Db, store: string, from: string, to = from): Promise<Map<string, Totals>> {
  const rows = await db.metricRow.findMany({ where: { store, hour: -1, sku: { not: "" }, date: { gte: from, lte: to } } });
  const by = new Map<string, typeof rows>();
  for (const r of rows) by.set(r.sku, [...(by.get(r.sku) ?? []), r]);
  return new Map([...by.entries()].map(([k, v]) => [k, sum(v)]));
}

export async function dailySeries(db: Db, store: string, to: string, days: number): Promise<{ date: string; gmv: number | null }[]> {
  const from = shiftDate(to, -(days - 1));
  const rows = await db.metricRow.findMany({ where: { store, hour: -1, sku: "", date: { gte: from, lte: to } } });
  return Array.from({ length: days }, (_, i) => {
    const date = shiftDate(from, i);
    const day = rows.filter((r) => r.date === date);
    return { date, gmv: day.length ? sum(day).gmv : null };
  });
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

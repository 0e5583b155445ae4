// What the war-room card shows, read from the database in a few grouped statements: the day's
// hourly store totals, the previous comparable event's, top SKUs and channels, open complaint
// cases and the day's critical reviews, and the day's T0 alerts.
import type { Sql } from "../../../infra/db/sql.ts";
import { localTime, shiftDate } from "../../../infra/time.ts";
import type { Campaign } from "../../../generated/prisma/client.ts";
import { LEVELS, planCurve, round2, type HourFigures, type Level } from "./plan.ts";

export interface Figures {
  day: string;
  store: string;
  hours: (HourFigures | undefined)[];
  plan: number[];
  dayPlan: number;
  /** The latest hour with data, if any. */
  last?: number;
  previous?: { name: string; date: string; hours: (HourFigures | undefined)[] };
  topSkus: { key: string; gmv: number }[];
  topChannels: { key: string; gmv: number }[];
  openCases: number;
  criticalReviews: number;
  level?: Level;
}

const num = (v: unknown) => Number(v ?? 0);

async function hourly(sql: Sql, store: string, date: string): Promise<(HourFigures | undefined)[]> {
  // Store totals are the rows without a SKU, summed over channels (as the digests count them).
  const rows = await sql.all<{ hour: number; gmv: unknown; uv: unknown; buyers: unknown; orders: unknown }>(
    `SELECT "hour", SUM("gmv") AS "gmv", SUM("uv") AS "uv", SUM("buyers") AS "buyers", SUM("orders") AS "orders"
     FROM "MetricRow" WHERE "store" = ? AND "date" = ? AND "hour" >= 0 AND "sku" = '' GROUP BY "hour"`,
    [store, date],
  );
  const out: (HourFigures | undefined)[] = Array.from({ length: 24 }, () => undefined);
  for (const r of rows)
    out[num(r.hour)] = { gmv: round2(num(r.gmv)), uv: num(r.uv), buyers: num(r.buyers), orders: num(r.orders) };
  return out;
}

async function top(
  sql: Sql,
  store: string,
  date: string,
  by: "sku" | "channel",
): Promise<{ key: string; gmv: number }[]> {
  const where = by === "sku" ? `"sku" <> ''` : `"sku" = '' AND "channel" <> 'all'`;
  const rows = await sql.all<{ key: string; gmv: unknown }>(
    `SELECT "${by}" AS "key", SUM("gmv") AS "gmv" FROM "MetricRow" WHERE "store" = ? AND "date" = ? AND "hour" >= 0 AND ${where} GROUP BY "${by}" ORDER BY SUM("gmv") DESC LIMIT 3`,
    [store, date],
  );
  return rows.map((r) => ({ key: r.key, gmv: round2(num(r.gmv)) }));
}

/**
 * The previous comparable event: the last promotion of the same kind before this one, else the
 * last one of any kind.
 */
async function comparable(sql: Sql, c: Campaign): Promise<{ name: string; eventDate: string } | undefined> {
  const q = (sameKind: boolean) =>
    sql.get<{ name: string; eventDate: string }>(
      `SELECT "name", "eventDate" FROM "Campaign" WHERE "id" <> ? AND "eventDate" < ? AND "status" = 'active'${sameKind ? ` AND "kind" = ?` : ""} ORDER BY "eventDate" DESC LIMIT 1`,
      sameKind ? [c.id, c.eventDate, c.kind] : [c.id, c.eventDate],
    );
  return (await q(true)) ?? (await q(false));
}

export async function t0Figures(
  sql: Sql,
  c: Campaign,
  o: { store: string; day: string; dayPlan: number },
): Promise<Figures> {
  const hours = await hourly(sql, o.store, o.day);
  const prevEvent = await comparable(sql, c);
  const prevHours = prevEvent ? await hourly(sql, o.store, prevEvent.eventDate) : null;
  const withPrev = prevHours && prevHours.some(Boolean) ? prevHours : null;
  const last = hours.reduce<number | undefined>((acc, h, i) => (h ? i : acc), undefined);
  const start = localTime(o.day, "00:00", c.timeZone);
  const end = localTime(shiftDate(o.day, 1), "00:00", c.timeZone);
  const cases = await sql.get<{ n: unknown }>(
    `SELECT COUNT(*) AS "n" FROM "ComplaintCase" WHERE "status" IN ('open', 'acknowledged', 'waiting_customer')`,
  );
  const reviews = await sql.get<{ n: unknown }>(
    `SELECT COUNT(*) AS "n" FROM "Review" WHERE "severity" = 'critical' AND "reviewedAt" >= ? AND "reviewedAt" < ?`,
    [start, end],
  );
  const alerts = await sql.all<{ level: string }>(
    `SELECT DISTINCT "level" FROM "MetricAlert" WHERE "rule" LIKE 't0.%' AND "store" = ? AND "date" = ? AND "scope" = ?`,
    [o.store, o.day, c.id],
  );
  const level = [...LEVELS].reverse().find((l) => alerts.some((a) => a.level === l));
  return {
    day: o.day,
    store: o.store,
    hours,
    plan: planCurve(withPrev, o.dayPlan),
    dayPlan: o.dayPlan,
    last,
    previous: prevEvent && withPrev ? { name: prevEvent.name, date: prevEvent.eventDate, hours: withPrev } : undefined,
    topSkus: await top(sql, o.store, o.day, "sku"),
    topChannels: await top(sql, o.store, o.day, "channel"),
    openCases: num(cases?.n),
    criticalReviews: num(reviews?.n),
    level,
  };
}

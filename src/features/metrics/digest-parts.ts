// Parts of a digest that read more rows: the month's target line, the channels and SKUs that
// moved most, and the 30-day GMV chart with its 7-day average.
import type { Sql } from "../../infra/db/sql.ts";
import type { MessageKey, Params } from "../../infra/i18n.ts";
import { shiftDate } from "../../infra/time.ts";
import { renderTrendPng } from "../../infra/chart.ts";
import { money, pct } from "./format.ts";
import { topMovers, totalsBy, totalsByDay, totalsOver } from "./totals.ts";
import type { Table } from "../../outbox/table.ts";

type Tr = (k: MessageKey, p?: Params) => string;

/** Month to date against the month's target, and the period against its share of it. */
export async function targetLine(
  q: Sql,
  tr: Tr,
  o: { store: string; end: string; span: number; gmv: number; targetGmv: number },
): Promise<string> {
  const month = o.end.slice(0, 7);
  const mtd = (await totalsOver(q, o.store, `${month}-01`, o.end))?.gmv ?? 0;
  const daysInMonth = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  const periodTarget = (o.targetGmv / daysInMonth) * o.span;
  return tr("metrics.digest.target", {
    mtd: money(mtd),
    target: money(o.targetGmv),
    attainment: pct(mtd / o.targetGmv),
    periodTarget: money(periodTarget),
    periodAttainment: pct(o.gmv / periodTarget),
  });
}

/** The channels and the SKUs whose GMV moved most against the period before: lines and a table. */
export async function movers(
  q: Sql,
  tr: Tr,
  o: { store: string; start: string; end: string; span: number },
): Promise<{ lines: string[]; table?: Table }> {
  const lines: string[] = [];
  const rows: string[][] = [];
  const before = [shiftDate(o.start, -o.span), shiftDate(o.end, -o.span)] as const;
  for (const [by, key] of [
    ["channel", "metrics.digest.movers"],
    ["sku", "metrics.digest.skuMovers"],
  ] as const) {
    const now = await totalsBy(q, by, o.store, o.start, o.end);
    const was = await totalsBy(q, by, o.store, ...before);
    const top = topMovers(now, was);
    if (!top.length) continue;
    lines.push(tr(key, { list: top.map(([c, v]) => `${c} ${money(v, true)}`).join(" · ") }));
    for (const [c, v] of top)
      rows.push([
        tr(`metrics.digest.col.${by}`),
        c,
        money(now.get(c)?.gmv ?? 0),
        money(was.get(c)?.gmv ?? 0),
        money(v, true),
      ]);
  }
  const cols = ["by", "name", "now", "before", "change"] as const;
  return {
    lines,
    ...(rows.length
      ? {
          table: {
            header: cols.map((k) => tr(`metrics.digest.col.${k}`)),
            rows,
            align: ["left", "left", "right", "right", "right"],
          },
        }
      : {}),
  };
}

/** GMV of the 30 days up to `end`, with its 7-day moving average, as a PNG. */
export async function trendChart(q: Sql, tr: Tr, store: string, end: string): Promise<Buffer> {
  const first = shiftDate(end, -29);
  const byDay = await totalsByDay(q, store, first, end);
  const series = Array.from({ length: 30 }, (_, i) => {
    const date = shiftDate(first, i);
    return { date, gmv: byDay.get(date)?.gmv ?? null };
  });
  const avg = series.map((_, i) => {
    const w = series
      .slice(Math.max(0, i - 6), i + 1)
      .map((s) => s.gmv)
      .filter((x): x is number => x != null);
    return i < 6 || w.length === 0 ? null : Math.round((w.reduce((a, b) => a + b, 0) / w.length) * 100) / 100;
  });
  return renderTrendPng({
    title: tr("metrics.digest.chartTitle", { store }),
    labels: series.map((s) => s.date.slice(5)),
    series: [
      { name: tr("metrics.digest.series"), data: series.map((s) => s.gmv) },
      { name: tr("metrics.digest.avg"), data: avg, dashed: true },
    ],
  });
}

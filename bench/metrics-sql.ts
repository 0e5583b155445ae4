// The baselines of bench/metrics.ts as plain SQL for the sqlite3 CLI: the anomaly findings of
// every day, and the queries of one digest. They mirror rules.ts and digest.ts; the benchmark
// checks that shopops and this SQL find the same things.
import { DEFAULT_RULES } from "../src/features/metrics/rules.ts";

const r = DEFAULT_RULES;
const day = (alias: string, shift: number) => `LEFT JOIN d ${alias} ON ${alias}.date = date(t.date, '${shift} day')`;

/** date|rule|level for every finding of the store's days in [from, to]. */
export function findingsSql(store: string, from: string, to: string): string {
  return `
WITH d AS (
  SELECT date, SUM(uv) AS uv, SUM(buyers) AS buyers, SUM(CAST(ROUND(gmv * 100) AS INTEGER)) / 100.0 AS gmv
  FROM MetricRow WHERE store = '${store}' AND hour = -1 AND sku = '' AND date >= date('${from}', '-28 day') AND date <= '${to}' GROUP BY date
), t AS (
  SELECT t.date, t.uv, t.buyers, t.gmv, y.uv AS yuv, y.buyers AS ybuyers, y.gmv AS ygmv,
    w1.gmv AS g1, w2.gmv AS g2, w3.gmv AS g3, w4.gmv AS g4
  FROM d t ${day("y", -1)} ${day("w1", -7)} ${day("w2", -14)} ${day("w3", -21)} ${day("w4", -28)}
  WHERE t.date >= '${from}'
), s AS (
  SELECT *, (g1 IS NOT NULL) + (g2 IS NOT NULL) + (g3 IS NOT NULL) + (g4 IS NOT NULL) AS n,
    (COALESCE(g1, 0) + COALESCE(g2, 0) + COALESCE(g3, 0) + COALESCE(g4, 0)) AS total FROM t
), m AS (
  SELECT *, total / n AS mean FROM s WHERE n > 0
), v AS (
  SELECT *, sqrt(((COALESCE(g1 - mean, 0) * COALESCE(g1 - mean, 0)) + (COALESCE(g2 - mean, 0) * COALESCE(g2 - mean, 0)) + (COALESCE(g3 - mean, 0) * COALESCE(g3 - mean, 0)) + (COALESCE(g4 - mean, 0) * COALESCE(g4 - mean, 0))) / n) AS sd FROM m
)
SELECT date || '|static|' || CASE WHEN (gmv - ygmv) / ygmv <= -${r.staticDrop.critical} THEN 'critical' ELSE 'warning' END FROM t
  WHERE ygmv > 0 AND (gmv - ygmv) / ygmv <= -${r.staticDrop.warning}
UNION ALL
SELECT date || '|dynamic|${r.dynamic.level}' FROM v WHERE n >= 3 AND sd > 0 AND abs(gmv - mean) > ${r.dynamic.k} * sd
UNION ALL
SELECT date || '|correlated|${r.correlated.level}' FROM t
  WHERE yuv > 0 AND uv > 0 AND ybuyers > 0 AND (uv - yuv) * 1.0 / yuv >= ${r.correlated.uvUp}
    AND ((buyers * 1.0 / uv) - (ybuyers * 1.0 / yuv)) / (ybuyers * 1.0 / yuv) <= -${r.correlated.conversionDown}
ORDER BY 1;`;
}

/** The statements one daily digest of `end` runs (totals, comparisons, movers, SKUs, 30-day series). */
export function digestSql(store: string, end: string): string {
  const totals = `SUM(uv), SUM(pv), SUM(productViews), SUM(cartAdds), SUM(orders), SUM(buyers), SUM(CAST(ROUND(gmv * 100) AS INTEGER)), SUM(CAST(ROUND(refunds * 100) AS INTEGER)), SUM(CAST(ROUND(adSpend * 100) AS INTEGER)), SUM(newCustomers)`;
  const over = (from: string, to: string) =>
    `SELECT COUNT(*), ${totals} FROM MetricRow WHERE store = '${store}' AND hour = -1 AND sku = '' AND date >= ${from} AND date <= ${to};`;
  const by = (what: string, from: string, to: string) =>
    `SELECT ${what}, ${totals} FROM MetricRow WHERE store = '${store}' AND hour = -1 AND sku ${what === "sku" ? "<>" : "="} '' AND date >= ${from} AND date <= ${to} GROUP BY ${what};`;
  const e = `'${end}'`;
  const d = (n: number) => `date(${e}, '${n} day')`;
  return [
    over(e, e),
    over(d(-1), d(-1)),
    over(d(-7), d(-7)),
    over(d(-364), d(-364)),
    over(`'${end.slice(0, 7)}-01'`, e),
    by("channel", e, e),
    by("channel", d(-1), d(-1)),
    by("sku", e, e),
    by("sku", d(-1), d(-1)),
    `SELECT date, ${totals} FROM MetricRow WHERE store = '${store}' AND hour = -1 AND sku = '' AND date >= ${d(-29)} AND date <= ${e} GROUP BY date;`,
  ].join("\n");
}

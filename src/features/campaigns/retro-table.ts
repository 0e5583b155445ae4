// The promotion report's figures as a table (Slack's table block, under the report's text): each
// figure's target, actual and attainment, and its change against the previous promotion and the
// same promotion last year, where those have a retrospective.
import type { Translator } from "../../infra/i18n.ts";
import type { Table } from "../../outbox/table.ts";
import { pct, retroFigures, type Actuals, type Targets } from "./rules.ts";

export const money = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 2 });
/** The change from b to a in percent ("+12.5%"), "–" when either is missing or b is 0. */
export const change = (a: number | null, b: number | null | undefined) =>
  a == null || b == null || b === 0 ? "–" : `${a >= b ? "+" : ""}${(((a - b) / b) * 100).toFixed(1)}%`;

type Row = "gmv" | "newCustomers" | "roi" | "spend" | "uv" | "uvValue" | "conversion";

/** Each figure of a retrospective's actuals, as the table compares them. */
function figures(a: Actuals): Record<Row, number | null> {
  const f = retroFigures({}, a);
  return {
    gmv: a.gmv,
    newCustomers: a.newCustomers,
    roi: f.roi,
    spend: a.spend,
    uv: a.uv,
    uvValue: f.uvValue,
    conversion: f.conversion,
  };
}

export function planTable(
  t: Translator,
  targets: Targets,
  actuals: Actuals,
  prev?: Actuals,
  lastYear?: Actuals,
): Table {
  const f = retroFigures(targets, actuals);
  const mine = figures(actuals);
  const before = prev ? figures(prev) : undefined;
  const ago = lastYear ? figures(lastYear) : undefined;
  const ratio = (x: number | null) => (x == null ? "–" : `${x.toFixed(2)}:1`);
  const shown: Record<Row, [target: string, actual: string, attainment: string]> = {
    gmv: [targets.gmv ? money(targets.gmv) : "–", money(actuals.gmv), pct(f.gmvAttainment)],
    newCustomers: [
      targets.newCustomers ? money(targets.newCustomers) : "–",
      money(actuals.newCustomers),
      pct(f.newCustomerAttainment),
    ],
    roi: [targets.roi ? `${targets.roi}:1` : "–", ratio(f.roi), pct(f.roiAttainment)],
    spend: [targets.budget ? money(targets.budget) : "–", money(actuals.spend), pct(f.budgetUse)],
    uv: ["–", money(actuals.uv), "–"],
    uvValue: ["–", f.uvValue == null ? "–" : f.uvValue.toFixed(2), "–"],
    conversion: ["–", pct(f.conversion, 2), "–"],
  };
  const rows = Object.keys(shown) as Row[];
  const cols = ["figure", "target", "actual", "attainment", "vsPrev", "vsLastYear"] as const;
  return {
    header: cols.map((k) => t(`promo.report.col.${k}`)),
    align: ["left", "right", "right", "right", "right", "right"],
    rows: rows.map((r) => [
      t(`promo.report.row.${r}`),
      ...shown[r],
      change(mine[r], before?.[r]),
      change(mine[r], ago?.[r]),
    ]),
  };
}

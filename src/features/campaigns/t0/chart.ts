// The war room's hourly curve as a picture: this day's GMV hour by hour beside the plan, 00–23.
// Drawn on each refresh (outside the transaction: it takes tens of milliseconds) and shown in the
// card as an image of a freshly uploaded file, which replaces the last one on each redraw.
import type { Translator } from "../../../infra/i18n.ts";
import { renderTrendPng } from "../../../infra/chart.ts";
import type { Figures } from "./figures.ts";

export function t0ChartPng(t: Translator, f: Figures, name: string): Promise<Buffer> | undefined {
  if (f.last === undefined) return undefined;
  const last = f.last;
  return renderTrendPng({
    title: t("t0.card.chartTitle", { name, day: f.day }),
    labels: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, "0")),
    series: [
      { name: t("t0.card.chartActual"), data: f.hours.map((h, i) => (i <= last ? (h?.gmv ?? 0) : null)) },
      // No day plan set: no plan line (it would lie flat at zero).
      ...(f.dayPlan > 0 ? [{ name: t("t0.card.chartPlan"), data: f.plan, dashed: true }] : []),
    ],
    width: 960,
    height: 360,
  });
}

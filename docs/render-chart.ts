// Renders docs/digest-chart.png, the chart README.md shows: `npx tsx docs/render-chart.ts`.
import { writeFileSync } from "node:fs";
import { renderTrendPng } from "../src/features/metrics/chart.ts";

const labels = Array.from({ length: 30 }, (_, i) => `11-${String(i + 1).padStart(2, "0")}`);
const gmv = labels.map((_, i) => Math.round(40000 + 8000 * Math.sin(i / 3) + (i === 27 ? -12000 : 0) + i * 300));
const avg = gmv.map((_, i) => (i < 6 ? null : Math.round(gmv.slice(i - 6, i + 1).reduce((a, b) => a + b, 0) / 7)));
writeFileSync(
  new URL("digest-chart.png", import.meta.url),
  await renderTrendPng({
    title: "shop1 近 30 天 GMV",
    labels,
    series: [
      { name: "GMV", data: gmv },
      { name: "7 日均线", data: avg, dashed: true },
    ],
  }),
);

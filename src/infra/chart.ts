// Trend charts (the digest's 30 days, the war room's hours): ECharts renders SVG on the server (no
// browser), Skia turns it into a PNG. Chinese labels need a CJK font on the machine (Debian:
// fonts-noto-cjk; the Docker image and .ci/run install it).
import { svgToPng } from "./png.ts";

let echartsLib: Promise<typeof import("echarts")> | undefined;

export interface TrendChart {
  title: string;
  labels: string[];
  series: { name: string; data: (number | null)[]; dashed?: boolean }[];
  width?: number;
  height?: number;
}

export const CHART_SIZE = { width: 960, height: 420 };

// The same chart is drawn once: at 09:00 every subscriber of a store gets the same picture.
const recent = new Map<string, Promise<Buffer>>();
const RECENT_MAX = 32;

export function renderTrendPng(c: TrendChart): Promise<Buffer> {
  const key = JSON.stringify(c);
  let png = recent.get(key);
  if (png) {
    recent.delete(key);
    recent.set(key, png);
    return png;
  }
  png = draw(c);
  recent.set(key, png);
  png.catch(() => recent.delete(key));
  while (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value!);
  return png;
}

async function draw(c: TrendChart): Promise<Buffer> {
  const echarts = await (echartsLib ??= import("echarts"));
  const width = c.width ?? CHART_SIZE.width;
  const height = c.height ?? CHART_SIZE.height;
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: "Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif" },
    title: { text: c.title, left: "center", top: 8 },
    legend: { top: 40, data: c.series.map((s) => s.name) },
    grid: { left: 80, right: 30, top: 80, bottom: 40 },
    xAxis: { type: "category", data: c.labels },
    yAxis: { type: "value" },
    series: c.series.map((s) => ({
      type: "line",
      name: s.name,
      data: s.data,
      symbol: "circle",
      lineStyle: s.dashed ? { type: "dashed" } : undefined,
    })),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svgToPng(svg, { background: "white" });
}

/** Width and height from a PNG's IHDR chunk, or undefined if the bytes are not a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } | undefined {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || sig.some((b, i) => png[i] !== b)) return undefined;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

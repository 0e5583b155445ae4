// SVG to PNG with resvg, loaded on first use: most processes never draw a chart, and resvg and
// ECharts together add tens of megabytes and a noticeable start-up cost.
type ResvgModule = typeof import("@resvg/resvg-js");
let resvg: Promise<ResvgModule> | undefined;

export async function svgToPng(svg: string, opts: { background?: string; fitOriginal?: boolean } = {}): Promise<Buffer> {
  const { Resvg } = await (resvg ??= import("@resvg/resvg-js"));
  return new Resvg(svg, {
    ...(opts.background ? { background: opts.background } : {}),
    ...(opts.fitOriginal ? { fitTo: { mode: "original" as const } } : {}),
    font: { loadSystemFonts: true, defaultFontFamily: "Noto Sans CJK SC" },
  })
    .render()
    .asPng();
}

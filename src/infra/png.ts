// SVG to PNG with Skia (@napi-rs/canvas), loaded on first use: most processes never draw.
// Skia keeps one font collection per process, so the CJK font is read once; resvg, used before,
// parsed the fonts again for every picture (300 ms of each 310 ms chart with Noto Sans CJK,
// measured). The PNG is encoded on a worker thread, off the event loop.
import { existsSync } from "node:fs";

type Canvas = typeof import("@napi-rs/canvas");
let skia: Promise<Canvas> | undefined;

/** CJK fonts where Debian, Ubuntu, Alpine and the Docker image put them; the first found is used by name. */
const CJK_FONTS = [
  ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"],
  ["/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", "Noto Sans CJK SC"],
  ["/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"],
  ["/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "WenQuanYi Micro Hei"],
] as const;

async function load(): Promise<Canvas> {
  const lib = await import("@napi-rs/canvas");
  for (const [path, family] of CJK_FONTS) if (existsSync(path)) lib.GlobalFonts.registerFromPath(path, family);
  return lib;
}

export async function svgToPng(svg: string, opts: { background?: string } = {}): Promise<Buffer> {
  const { createCanvas, Image } = await (skia ??= load());
  const image = new Image();
  image.src = Buffer.from(svg);
  const canvas = createCanvas(Math.max(1, Math.round(image.width)), Math.max(1, Math.round(image.height)));
  const ctx = canvas.getContext("2d");
  if (opts.background) {
    ctx.fillStyle = opts.background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
  }
  ctx.drawImage(image, 0, 0);
  return canvas.encode("png");
}

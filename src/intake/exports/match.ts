// Which preset a file is, and where its table starts: exports put title rows ("生意参谋 · 店铺整体
// 日报", "统计时间：…") above the header, so each of a sheet's first rows is tried as the header
// against each preset. A preset matches a row holding all its required columns; the match with
// the most columns wins. With none, the nearest preset (most required columns present) is named.
import type { Preset, Target } from "./preset.ts";
import type { SheetHead } from "./sheet.ts";

/** A header cell as compared: no spaces, full-width brackets as half-width, lower case. */
export const normalizeHeader = (s: string): string =>
  s
    .replace(/^\uFEFF/, "")
    .replace(/[（]/g, "(")
    .replace(/[）]/g, ")")
    .replace(/[\s"'“”]/g, "")
    .toLowerCase();

export interface Match {
  preset: Preset;
  sheet: number;
  /** Index of the header row within the sheet. */
  headerRow: number;
  /** Field → column index. */
  columns: Record<string, number>;
  header: string[];
}

export interface Miss {
  /** The most header-like row found (the one with the most cells). */
  found: string[];
  nearest?: { preset: Preset; missing: string[] };
}

function columnsOf(preset: Preset, cells: string[]): Record<string, number> {
  const normal = cells.map(normalizeHeader);
  const out: Record<string, number> = {};
  for (const [field, names] of Object.entries(preset.columns)) {
    for (const name of names) {
      const at = normal.indexOf(normalizeHeader(name));
      if (at >= 0) {
        out[field] = at;
        break;
      }
    }
  }
  return out;
}

/** The best preset for the file's sheets (targets limits which kinds are considered). */
export function matchPreset(heads: SheetHead[], presets: Preset[], targets: Target[]): Match | Miss {
  let best: Match | undefined;
  let nearest: { preset: Preset; missing: string[]; score: number } | undefined;
  let found: string[] = [];
  const candidates = presets.filter((p) => targets.includes(p.target));
  heads.forEach((head, sheet) => {
    head.rows.forEach((cells, headerRow) => {
      const filled = cells.filter((c) => c.trim());
      if (filled.length > found.filter((c) => c.trim()).length) found = cells;
      if (filled.length < 2) return;
      for (const preset of candidates) {
        const columns = columnsOf(preset, cells);
        const missing = preset.required.filter((f) => columns[f] === undefined);
        const size = Object.keys(columns).length;
        if (!missing.length) {
          if (!best || size > Object.keys(best.columns).length)
            best = { preset, sheet, headerRow, columns, header: cells };
        } else {
          const score = (preset.required.length - missing.length) / preset.required.length + size / 1000;
          if (!nearest || score > nearest.score) nearest = { preset, missing, score };
        }
      }
    });
  });
  if (best) return best;
  return {
    found: found.filter((c) => c.trim()),
    nearest: nearest && nearest.score >= 0.01 ? { preset: nearest.preset, missing: nearest.missing } : undefined,
  };
}

export const isMatch = (m: Match | Miss): m is Match => "preset" in m;

/**
 * The columns a read needs (the first two, where a totals row says so, and every mapped one), and
 * the match as it reads rows that hold only those: what the reader thread sends across.
 */
export function projectMatch(m: Match): { keep: number[]; match: Match } {
  const keep = [...new Set([0, 1, ...Object.values(m.columns)])].sort((a, b) => a - b);
  const at = new Map(keep.map((c, i) => [c, i]));
  return {
    keep,
    match: {
      ...m,
      columns: Object.fromEntries(Object.entries(m.columns).map(([f, c]) => [f, at.get(c)!])),
      header: keep.map((c) => m.header[c] ?? ""),
    },
  };
}

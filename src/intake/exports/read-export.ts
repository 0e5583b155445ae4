// Reading a platform's export end to end, on the thread that run-export.ts gives it: open the file
// (its parser on a thread of its own, sheet.ts), find its preset and header, read each row, let
// the feature turn the rows into its records, and hand them on (the import) or only count them
// (the preview). The same pass gives the summary. Nothing here needs the bot: a million rows
// read here cost the event loop nothing.
import type { Sql } from "../../infra/db/sql.ts";
import { isMatch, matchPreset, projectMatch, type Match, type Miss } from "./match.ts";
import { loadPresets, type Preset, type Target } from "./preset.ts";
import { rowReader, type RowContext, type Value } from "./rows.ts";
import { localHours, zoneReader } from "./values.ts";
import { openSheet, SheetError, type ExportSource, type SheetErrorCode } from "./sheet.ts";
import { ExportSummary, type RowProblem, type SummaryData } from "./summary.ts";

export interface ConvertOptions {
  store: string;
  teamZone: string;
  /** The fields the file's columns gave (the others keep what is stored). */
  mapped: string[];
  /** Field → the file's column that carried it, to name in a problem. */
  columns: Record<string, string>;
  /** An instant's date and hour in the team's zone. */
  local: (ms: number) => { date: string; hour: number };
}

/** The options as they cross between threads (the function is made again on the other side). */
export type ConvertData = Omit<ConvertOptions, "local">;

type Rows = { row: number; fields: Record<string, Value> }[];

/** A feature's reading side of platform exports: pure, so it runs on the reading thread. */
export interface ExportReading<T> {
  kind: "metrics" | "reviews";
  targets: Target[];
  /** Rows read into records, with the feature's own checks. */
  convert(preset: Preset, rows: Rows, o: ConvertOptions): { items: T[]; problems: RowProblem[] };
  /**
   * Storing a preset's records with plain SQL alone: the reading thread then stores them on a
   * connection of its own (sql.shared) instead of copying them to the bot, and hands over only
   * the report. Absent (or undefined for a preset) where storing needs the bot (alerts on the way).
   */
  storer?(preset: Preset): ((sql: Sql, items: T[]) => Promise<unknown>) | undefined;
}

export type { ExportSource };

export interface ReadRequest {
  source: ExportSource;
  name: string;
  /** Only this preset (the one the preview showed). */
  presetId?: string;
  /** The store the person named; else the file's store column, the preset's store or its platform. */
  store?: string;
  /** Store the rows (else only read them). */
  write: boolean;
  presetsDir: string;
  teamZone: string;
}

/** Where an import's records go: `open` once the preset is known, then `add` for each chunk. */
export interface ReadSink<T> {
  open(preset: Preset, o: ConvertData): Promise<void>;
  add(items: T[]): Promise<void>;
}

export type ReadOutcome =
  | { kind: "read"; match: Match; store: string; summary: SummaryData; stored: boolean }
  | { kind: "no-match"; miss: Miss }
  | { kind: "unreadable"; code: SheetErrorCode; message: string };

export async function readExport<T>(
  reading: ExportReading<T>,
  req: ReadRequest,
  sink?: ReadSink<T>,
): Promise<ReadOutcome> {
  const all = loadPresets(req.presetsDir).presets;
  const presets = req.presetId ? all.filter((p) => p.id === req.presetId) : all;
  let sheet;
  try {
    sheet = await openSheet(req.source, req.name);
  } catch (e) {
    if (e instanceof SheetError) return { kind: "unreadable", code: e.code, message: e.message };
    throw e;
  }
  const m = matchPreset(sheet.heads, presets, reading.targets);
  if (!isMatch(m)) {
    await sheet.close();
    return { kind: "no-match", miss: m };
  }
  const store = req.store || m.preset.store || m.preset.platform;
  const local = localHours(req.teamZone);
  const projected = projectMatch(m);
  const ctx: RowContext = {
    match: projected.match,
    instant: zoneReader(m.preset.timezone ?? req.teamZone),
    local,
    skips: m.preset.skip.map((s) => new RegExp(s.matches ?? "$^", "i")),
  };
  const data: ConvertData = {
    store,
    teamZone: req.teamZone,
    mapped: Object.keys(m.columns),
    columns: Object.fromEntries(Object.entries(m.columns).map(([f, i]) => [f, m.header[i] ?? f])),
  };
  const o: ConvertOptions = { ...data, local };
  const summary = new ExportSummary(local);
  const readRow = rowReader(ctx);
  const out = req.write ? sink : undefined;
  await out?.open(m.preset, data);
  let index = 0;
  try {
    for await (const chunk of sheet.rows(m.sheet, projected.keep)) {
      const good: Rows = [];
      for (const cells of chunk) {
        const row = ++index;
        if (row <= m.headerRow + 1) continue;
        const r = readRow(cells, row);
        if (r.kind === "ok") good.push(r);
        else summary.note(r);
      }
      const c = reading.convert(m.preset, good, o);
      const bad = new Set(c.problems.map((p) => p.row));
      for (const p of c.problems) summary.problem(p);
      for (const g of good) if (!bad.has(g.row)) summary.accept(g.row, g.fields);
      // A file with a bad row is fixed and imported whole, never half: stop storing at the first.
      if (out && !summary.problemRows) await out.add(c.items);
    }
  } catch (e) {
    if (e instanceof SheetError) return { kind: "unreadable", code: e.code, message: e.message };
    throw e;
  }
  // A file with a store column names its store on each row: the preview shows the first.
  const shown = m.columns.store !== undefined ? String(summary.samples[0]?.fields.store ?? store) : store;
  return { kind: "read", match: m, store: shown, summary: summary.data(), stored: !!out && !summary.problemRows };
}

// Reading a platform's export end to end: open the file (off the event loop), find its preset and
// header, read each row, let the feature turn the rows into its records, and either only count
// them (the preview) or store them as they come (the import). The same pass gives the summary.
import type { Deps } from "../../deps.ts";
import type { Stream } from "../intake.ts";
import { isMatch, matchPreset, projectMatch, type Match, type Miss } from "./match.ts";
import { loadPresets, type Preset, type Target } from "./preset.ts";
import { rowReader, type RowContext, type Value } from "./rows.ts";
import { localHours, zoneReader } from "./values.ts";
import { openSheet, SheetError, type SheetErrorCode } from "./sheet.ts";
import { ExportSummary, type RowProblem } from "./summary.ts";

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

/** A feature's side of platform exports. */
export interface ExportIntake<T> {
  kind: "metrics" | "reviews";
  targets: Target[];
  /** Rows read into records, with the feature's own checks (pure: the preview runs it too). */
  convert(
    preset: Preset,
    rows: { row: number; fields: Record<string, Value> }[],
    o: ConvertOptions,
  ): { items: T[]; problems: RowProblem[] };
  stream(deps: Deps, preset: Preset, o: ConvertOptions): Stream<T>;
}

/** A file on disk, or bytes handed over: the reader thread takes their memory (the caller's view is emptied). */
export type ExportSource = { path: string } | { bytes: Uint8Array };

export interface ExportRequest {
  source: ExportSource;
  name: string;
  /** Only this preset (the one the preview showed). */
  presetId?: string;
  /** The store the person named; else the file's store column, the preset's store or its platform. */
  store?: string;
  /** Store the rows (else only read them). */
  write: boolean;
}

export type ExportOutcome =
  | { kind: "read"; match: Match; store: string; summary: ExportSummary; totals?: Record<string, number> }
  | { kind: "no-match"; miss: Miss }
  | { kind: "unreadable"; code: SheetErrorCode; message: string };

const yieldTurn = () => new Promise<void>((r) => setImmediate(r));

export async function runExport<T>(deps: Deps, intake: ExportIntake<T>, req: ExportRequest): Promise<ExportOutcome> {
  const all = loadPresets(deps.config.IMPORT_PRESETS_DIR).presets;
  const presets = req.presetId ? all.filter((p) => p.id === req.presetId) : all;
  let sheet;
  try {
    sheet = await openSheet(req.source, req.name);
  } catch (e) {
    if (e instanceof SheetError) return { kind: "unreadable", code: e.code, message: e.message };
    throw e;
  }
  const m = matchPreset(sheet.heads, presets, intake.targets);
  if (!isMatch(m)) {
    await sheet.close();
    return { kind: "no-match", miss: m };
  }
  const teamZone = deps.config.DEFAULT_TIMEZONE;
  const store = req.store || m.preset.store || m.preset.platform;
  const local = localHours(teamZone);
  const projected = projectMatch(m);
  const ctx: RowContext = {
    match: projected.match,
    instant: zoneReader(m.preset.timezone ?? teamZone),
    local,
    skips: m.preset.skip.map((s) => new RegExp(s.matches ?? "$^", "i")),
  };
  const o: ConvertOptions = {
    store,
    teamZone,
    local,
    mapped: Object.keys(m.columns),
    columns: Object.fromEntries(Object.entries(m.columns).map(([f, i]) => [f, m.header[i] ?? f])),
  };
  const summary = new ExportSummary(local);
  const readRow = rowReader(ctx);
  const sink = req.write ? intake.stream(deps, m.preset, o) : undefined;
  let index = 0;
  try {
    for await (const chunk of sheet.rows(m.sheet, projected.keep)) {
      const good: { row: number; fields: Record<string, Value> }[] = [];
      for (const cells of chunk) {
        const row = ++index;
        if (row <= m.headerRow + 1) continue;
        const r = readRow(cells, row);
        if (r.kind === "ok") good.push(r);
        else summary.note(r);
      }
      const c = intake.convert(m.preset, good, o);
      const bad = new Set(c.problems.map((p) => p.row));
      for (const p of c.problems) summary.problem(p);
      for (const g of good) if (!bad.has(g.row)) summary.accept(g.row, g.fields);
      // A file with a bad row is fixed and imported whole, never half: stop storing at the first.
      if (sink && !summary.problemRows) await sink.add(c.items);
      await yieldTurn();
    }
  } catch (e) {
    if (e instanceof SheetError) return { kind: "unreadable", code: e.code, message: e.message };
    throw e;
  }
  const totals = sink && !summary.problemRows ? await sink.finish() : undefined;
  // A file with a store column names its store on each row: the preview shows the first.
  const shown = m.columns.store !== undefined ? String(summary.samples[0]?.fields.store ?? store) : store;
  return { kind: "read", match: m, store: shown, summary, totals };
}

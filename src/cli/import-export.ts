// The command line's side of a platform export: the same preview the Slack shortcut shows, in
// plain text, then the import (one more read of the file). `--preview` stops after the preview;
// a file with a bad row imports nothing and exits 1.
import type { Deps } from "../deps.ts";
import type { ExportIntake, ExportOutcome } from "../intake/exports/run-export.ts";
import { runExport } from "../intake/exports/run-export.ts";
import { refusal, resultText, shown } from "../intake/exports/preview-blocks.ts";
import { rowList } from "../intake/exports/summary.ts";
import { translator } from "../infra/i18n.ts";
import { unesc } from "../infra/markup.ts";

const plain = (s: string) => unesc(s.replace(/[*`]/g, ""));

function printPreview(out: (s: string) => void, outcome: ExportOutcome & { kind: "read" }, zone: string): void {
  const { match, summary, store } = outcome;
  out(`preset: ${match.preset.id} (${match.preset.name}), header on row ${match.headerRow + 1}`);
  out(`rows: ${summary.rows}, dates: ${summary.first ?? "-"} – ${summary.last ?? "-"}, store: ${store}`);
  for (const s of summary.samples)
    out(
      `  row ${s.row}: ${Object.entries(s.fields)
        .map(([f, v]) => `${f} ${shown(f, v, zone)}`)
        .join(" · ")}`,
    );
  for (const [reason, rows] of summary.skipped) out(`skipped (${reason}): rows ${rowList(rows, 10)}`);
  for (const p of summary.problems) out(`row ${p.row}: ${p.column}: ${p.message}`);
  if (summary.problemRows > summary.problems.length)
    out(`… ${summary.problemRows - summary.problems.length} more bad rows`);
}

/** Returns the exit code. */
export async function importExport<E>(
  deps: Deps,
  exp: ExportIntake<E>,
  file: string,
  o: { store?: string; preview: boolean },
): Promise<number> {
  const out = (s: string) => process.stdout.write(`${s}\n`);
  const t = translator(deps.config.DEFAULT_LOCALE);
  const source = { path: file };
  const first = await runExport(deps, exp, { source, name: file, store: o.store, write: false });
  const refused = refusal(t, file, first);
  if (refused || first.kind !== "read") {
    out(plain(refused ?? ""));
    return 1;
  }
  printPreview(out, first, deps.config.DEFAULT_TIMEZONE);
  if (first.summary.problemRows) {
    out("nothing imported: fix the rows above (or the preset) and run again");
    return 1;
  }
  if (o.preview) return 0;
  const done = await runExport(deps, exp, {
    source,
    name: file,
    presetId: first.match.preset.id,
    store: first.store,
    write: true,
  });
  out(plain(resultText(t, file, done)));
  return 0;
}

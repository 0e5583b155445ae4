// The answer to an export: the preview (which preset matched, the rows and dates, three rows as
// read, what is left out and why, an Import button) and the result. Every piece of the file
// (its name, its columns, its cells) is user data and escaped by t() or esc().
import type { MessageBody } from "../../outbox/message.ts";
import { esc } from "../../infra/markup.ts";
import { formatInZone } from "../../infra/time.ts";
import type { Translator } from "../../infra/i18n.ts";
import { columnName, loadPresets } from "./preset.ts";
import { SKIP_EMPTY, SKIP_TOTALS, type Value } from "./rows.ts";
import type { ExportOutcome } from "./run-export.ts";
import { rowList, type RowProblem } from "./summary.ts";

export const ACTION_EXPORT_IMPORT = "export_import";
export const ACTION_EXPORT_CANCEL = "export_cancel";

/** What the Import button carries: enough to fetch and read the same file the same way. */
export interface ImportRef {
  /** metrics | reviews */
  k: string;
  /** Slack file id */
  f: string;
  /** preset id */
  p: string;
  /** store */
  s: string;
  /** the file's name, for the answers */
  n: string;
}

export type StoreFrom = "file" | "message" | "preset";

const section = (text: string) => ({ type: "section" as const, text: { type: "mrkdwn" as const, text } });

export function shown(field: string, v: Value, zone: string): string {
  // Times are instants (ms), shown in the team's zone.
  if (/_at$|^time$|^followup_time$/.test(field)) return formatInZone(new Date(v), zone, "yyyy-MM-dd HH:mm");
  if (typeof v === "number") return v.toLocaleString("en-US", { maximumFractionDigits: 2 });
  return v.length > 40 ? `${v.slice(0, 40)}…` : v;
}

const rangeOf = (t: Translator, first?: string, last?: string) =>
  first && last ? t("export.preview.range", { first, last }) : t("export.preview.noRange");

/** The answer for a file that isn't a readable, recognised export (no preview, no button). */
export function refusal(t: Translator, file: string, outcome: ExportOutcome): string | undefined {
  if (outcome.kind === "unreadable")
    return t(`export.unreadable.${outcome.code}`, { file, message: outcome.message.slice(0, 200) });
  if (outcome.kind === "no-match") {
    const n = outcome.miss.nearest;
    const nearest = n
      ? t("export.nearest", {
          preset: n.preset.name,
          id: n.preset.id,
          missing: n.missing.map((f) => columnName(n.preset, f)).join(", "),
        })
      : "";
    const columns = outcome.miss.found.slice(0, 20).join(", ") || "—";
    return t("export.noMatch", { file, columns, nearest });
  }
  return undefined;
}

export function previewMessage(
  t: Translator,
  o: { file: string; outcome: ExportOutcome; ref: Omit<ImportRef, "p" | "s">; storeFrom: StoreFrom; zone: string },
): MessageBody {
  const refused = refusal(t, o.file, o.outcome);
  if (refused || o.outcome.kind !== "read") return { text: refused ?? "" };
  const { match, summary, store } = o.outcome;
  const p = match.preset;
  const column = (f: string) => match.header[match.columns[f] ?? -1] ?? f;
  const parts = [
    t("export.preview.title", { file: o.file, preset: p.name, id: p.id }),
    t("export.preview.facts", {
      rows: summary.rows,
      range: rangeOf(t, summary.first, summary.last),
      store,
      storeFrom: t(`export.storeFrom.${o.storeFrom}`),
    }),
  ];
  const blocks: MessageBody["blocks"] = parts.map(section);
  if (summary.samples.length) {
    const lines = summary.samples
      .map(
        (s) =>
          `\n• ${s.row}: ` +
          Object.entries(s.fields)
            .filter(([f]) => match.columns[f] !== undefined)
            .map(([f, v]) => `${esc(column(f))} \`${esc(shown(f, v, o.zone))}\``)
            .join(" · "),
      )
      .join("");
    blocks.push(section(t("export.preview.samples", { lines })));
  }
  if (summary.skippedRows) {
    const lines = [...summary.skipped]
      .map(([reason, rows]) => t("export.preview.skipLine", { reason: skipReason(t, reason), rows: rowList(rows) }))
      .join("");
    blocks.push(section(t("export.preview.skipped", { count: summary.skippedRows, lines })));
  }
  if (summary.problemRows) {
    const lines = summary.problems
      .slice(0, 10)
      .map((x) => t("export.preview.problemLine", { row: x.row, column: x.column, message: problemText(t, x) }))
      .join("");
    blocks.push(section(t("export.preview.problems", { count: summary.problemRows, lines })));
  } else if (!summary.rows) {
    blocks.push(section(t("export.preview.nothing", { file: o.file })));
  } else {
    const ref: ImportRef = { ...o.ref, p: p.id, s: store };
    blocks.push({
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: `${ACTION_EXPORT_IMPORT}_${o.ref.k}`,
          style: "primary",
          text: { type: "plain_text", text: t("export.preview.import", { rows: summary.rows }) },
          value: JSON.stringify(ref),
        },
        {
          type: "button",
          action_id: `${ACTION_EXPORT_CANCEL}_${o.ref.k}`,
          text: { type: "plain_text", text: t("export.preview.cancel") },
          value: JSON.stringify(ref),
        },
      ],
    });
  }
  return { text: parts.join("\n"), blocks };
}

/** The answer once the rows are stored. */
export function resultText(t: Translator, file: string, outcome: ExportOutcome): string {
  const refused = refusal(t, file, outcome);
  if (refused || outcome.kind !== "read") return refused ?? "";
  const { match, summary, store, totals = {} } = outcome;
  const params = {
    file,
    preset: match.preset.name,
    store,
    rows: summary.rows,
    range: rangeOf(t, summary.first, summary.last),
    skipped: summary.skippedRows,
    ...totals,
  };
  if (summary.problemRows)
    return previewMessage(t, { file, outcome, ref: { k: "", f: "", n: file }, storeFrom: "preset", zone: "UTC" }).text;
  const key =
    match.preset.target === "orders"
      ? "export.result.orders"
      : match.preset.target === "reviews"
        ? "export.result.reviews"
        : "export.result.metrics";
  return t(key, params);
}

/** `/metrics import presets`: every preset, and the team's files that didn't read. */
export function presetList(t: Translator, dir: string): string {
  const { presets, problems } = loadPresets(dir);
  const lines = presets.map((p) =>
    t("export.presets.line", {
      id: p.id,
      name: p.name,
      kind: t(`export.kind.${p.target}`),
      columns: p.required.map((f) => columnName(p, f)).join(", "),
      source: p.source === "built-in" ? "" : t("export.presets.team", { source: p.source }),
    }),
  );
  for (const x of problems) lines.push(t("export.presets.problem", { file: x.file, message: x.message }));
  return [t("export.presets.title"), ...lines, t("export.presets.howto", { dir })].join("\n");
}

/** The reader's own reasons in the reader's language; a preset's reasons as its author wrote them. */
function skipReason(t: Translator, reason: string): string {
  if (reason === SKIP_EMPTY) return t("export.skip.empty");
  if (reason === SKIP_TOTALS) return t("export.skip.totals");
  const missing = /^no (.+)$/.exec(reason);
  return missing ? t("export.skip.missing", { column: missing[1]! }) : esc(reason);
}

function problemText(t: Translator, p: RowProblem): string {
  return p.code ? t(`export.problem.${p.code}`, { raw: p.raw ?? "" }) : esc(p.message);
}

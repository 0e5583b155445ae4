// CSV files as people export them from spreadsheets: UTF-8, UTF-8 with a BOM, or GBK/GB18030;
// a header line; rows numbered as the spreadsheet shows them (the header is line 1).
import { parse } from "csv-parse/sync";

export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder("utf-8").decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // GB18030 is a superset of GBK; Node's full ICU decodes it.
    return new TextDecoder("gb18030").decode(bytes);
  }
}

export interface TableProblem {
  row: number;
  field: string;
  message: string;
}

export function readCsvTable(
  bytes: Uint8Array,
  columns: string[],
  required: string[],
): { rows: { row: number; raw: Record<string, string> }[]; problems: TableProblem[] } {
  // A file in other columns (a platform's export, which the presets read) is told so from its
  // header line, without decoding and parsing all of it on the event loop (a 127 MB export took
  // seconds there).
  const first = headerOf(bytes);
  const early = first && headerProblem(first, columns, required);
  if (early) return { rows: [], problems: [early] };
  let records: string[][];
  try {
    records = parse(decodeText(bytes), { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (e) {
    return {
      rows: [],
      problems: [{ row: 0, field: "file", message: `not a CSV file: ${(e as Error).message.split("\n")[0]}` }],
    };
  }
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const problem = headerProblem(header, columns, required);
  if (problem) return { rows: [], problems: [problem] };
  return {
    rows: records
      .slice(1)
      .map((cells, i) => ({ row: i + 2, raw: Object.fromEntries(header.map((h, j) => [h, cells[j] ?? ""])) })),
    problems: [],
  };
}

/** The file's header line, read from its first bytes alone (undefined when that can't be done). */
function headerOf(bytes: Uint8Array): string[] | undefined {
  const end = bytes.indexOf(0x0a);
  if (end < 0 || end > 65_536) return undefined;
  try {
    const rows = parse(decodeText(bytes.subarray(0, end)), { relax_column_count: true, trim: true }) as string[][];
    const header = rows.length === 1 ? rows[0]!.map((h) => h.trim().toLowerCase()) : [];
    return header.some(Boolean) ? header : undefined;
  } catch {
    return undefined;
  }
}

function headerProblem(header: string[], columns: string[], required: string[]): TableProblem | undefined {
  const unknown = header.filter((h) => !columns.includes(h));
  const missing = required.filter((c) => !header.includes(c));
  if (!unknown.length && !missing.length) return undefined;
  const message = [
    missing.length ? `missing column(s): ${missing.join(", ")}` : "",
    unknown.length ? `unknown column(s): ${unknown.join(", ")}` : "",
  ]
    .filter(Boolean)
    .join("; ");
  return { row: 1, field: "header", message: `${message}. Columns: ${columns.join(", ")}` };
}

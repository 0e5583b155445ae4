import { readCsvTable } from "../../infra/csv.ts";
import { METRIC_COLUMNS, validateMetricRow, type MetricRecord, type RowProblem } from "./schema-rows.ts";

export interface MetricBatch {
  records: MetricRecord[];
  problems: RowProblem[];
}

function collect(rows: { row: number; raw: Record<string, unknown> }[]): MetricBatch {
  const out: MetricBatch = { records: [], problems: [] };
  for (const { row, raw } of rows) {
    const v = validateMetricRow(raw, row);
    if (v.ok) out.records.push(v.record);
    else out.problems.push(...v.problems);
  }
  return out;
}

export function parseCsvMetrics(bytes: Uint8Array): MetricBatch {
  const table = readCsvTable(bytes, METRIC_COLUMNS, ["date", "store"]);
  return table.problems.length ? { records: [], problems: table.problems } : collect(table.rows);
}

/** A JSON array or {metrics: […]}; rows count from 1. */
export function parseJsonMetrics(text: string): MetricBatch {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { records: [], problems: [{ row: 0, field: "body", message: "not JSON" }] };
  }
  const list = Array.isArray(doc) ? doc : (doc as { metrics?: unknown })?.metrics;
  if (!Array.isArray(list))
    return { records: [], problems: [{ row: 0, field: "body", message: 'send a JSON array or {"metrics": [...]}' }] };
  return collect(list.map((raw, i) => ({ row: i + 1, raw: (raw ?? {}) as Record<string, unknown> })));
}

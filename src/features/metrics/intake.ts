// Metrics coming in (webhook, Import shortcut, npm run import:metrics): rows read by
// parse-batch.ts and schema.ts, stored by ingest.ts.
import { decodeText } from "../../infra/csv.ts";
import type { Intake } from "../../intake/intake.ts";
import { ingestMetrics, MetricIngest } from "./ingest.ts";
import { parseCsvMetrics, parseJsonMetrics } from "./parse-batch.ts";
import { validateMetricRow, type MetricRecord } from "./schema-rows.ts";

export const metricsIntake: Intake<MetricRecord> = {
  kind: "metrics",
  path: "/webhooks/metrics",
  tokenSetting: "METRICS_WEBHOOK_TOKEN",
  readJson(text) {
    const b = parseJsonMetrics(text);
    return { items: b.records, problems: b.problems };
  },
  readFile(bytes, name) {
    const b = /\.csv$/i.test(name) ? parseCsvMetrics(bytes) : parseJsonMetrics(decodeText(bytes));
    return { items: b.records, problems: b.problems };
  },
  readLine(value, row) {
    if (!value || typeof value !== "object" || Array.isArray(value))
      return { ok: false, problems: [{ row, field: "line", message: "not a JSON object" }] };
    const v = validateMetricRow(value as Record<string, unknown>, row);
    return v.ok ? { ok: true, item: v.record } : v;
  },
  store: async (deps, items) => ({ ...(await ingestMetrics(deps, items)) }),
  stream(deps) {
    const ingest = new MetricIngest(deps);
    return { add: (items) => ingest.add(items), finish: async () => ({ ...(await ingest.finish()) }) };
  },
  shortcut: { callbackId: "metrics_import_file", result: "metrics.import.result" },
  usage: "npm run import:metrics -- <file.csv|file.json>",
};

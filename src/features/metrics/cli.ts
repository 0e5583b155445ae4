// npm run import:metrics -- day.csv   (CSV in UTF-8, UTF-8 with BOM or GBK; or a JSON array)
import { runImport } from "../../cli/import-file.ts";
import { decodeText } from "../../infra/csv.ts";
import { ingestMetrics } from "./ingest.ts";
import { parseCsvMetrics, parseJsonMetrics } from "./parse-batch.ts";
import type { MetricRecord } from "./schema.ts";

await runImport(process.argv[2], {
  usage: "npm run import:metrics -- <file.csv|file.json>",
  parse(bytes, file) {
    const b = /\.csv$/i.test(file) ? parseCsvMetrics(bytes) : parseJsonMetrics(decodeText(bytes));
    return { items: b.records, problems: b.problems };
  },
  ingest: async (deps, items) => ({ ...(await ingestMetrics(deps, items as MetricRecord[])) }),
});

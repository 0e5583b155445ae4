import { decodeText } from "../../infra/csv.ts";
import { problemLines, registerFileImport } from "../../slack/file-import.ts";
import type { Feature } from "../feature.ts";
import { ingestMetrics } from "./ingest.ts";
import { parseCsvMetrics, parseJsonMetrics } from "./parse-batch.ts";
import { auditDigests, digestJob } from "./digest.ts";
import { COMMAND, registerMetrics } from "./slack.ts";
import { metricsWebhook } from "./webhook.ts";

export const metricsFeature: Feature = {
  name: "metrics",
  commands: [
    {
      command: COMMAND,
      help: ["cmd.metrics.digest", "cmd.metrics.targets", "cmd.metrics.alerts", "cmd.metrics.import"],
    },
  ],
  register(app, deps) {
    registerMetrics(app, deps);
    registerFileImport(app, deps, {
      callbackId: "metrics_import_file",
      async run(d, bytes, name) {
        const b = /\.csv$/i.test(name) ? parseCsvMetrics(bytes) : parseJsonMetrics(decodeText(bytes));
        const r = await ingestMetrics(d, b.records);
        return {
          key: "metrics.import.result",
          params: { ...r, bad: new Set(b.problems.map((p) => p.row)).size, problems: problemLines(b.problems) },
        };
      },
    });
  },
  jobs: [digestJob],
  routes: [metricsWebhook],
  onStart: auditDigests,
};

// POST /webhooks/metrics: a bearer token, then a JSON batch (up to 5 MB; a batch with a bad row is
// refused whole, 400, each row and field named) or an NDJSON stream (Content-Type
// application/x-ndjson, up to 2 GiB: stored as it arrives, bad lines skipped and named).
// Re-sending a day replaces it.
import { takeNdjson } from "../../infra/ndjson-upload.ts";
import { bearerOk, bodyKind, readBody, sendJson, UNSUPPORTED_TYPE } from "../../infra/webhook.ts";
import type { HttpRoute } from "../feature.ts";
import { ingestMetrics, MetricIngest } from "./ingest.ts";
import { parseJsonMetrics } from "./parse-batch.ts";
import { validateMetricRow, type MetricRecord } from "./schema.ts";

export const metricsWebhook: HttpRoute = {
  method: "POST",
  path: "/webhooks/metrics",
  async handle(deps, req, res) {
    if (!bearerOk(deps.config.METRICS_WEBHOOK_TOKEN, req.headers.authorization)) {
      return sendJson(res, 401, { error: "unauthorized", hint: "send Authorization: Bearer <METRICS_WEBHOOK_TOKEN>" });
    }
    const kind = bodyKind(req.headers["content-type"]);
    if (!kind) return sendJson(res, 415, UNSUPPORTED_TYPE);
    if (kind === "ndjson") {
      const ingest = new MetricIngest(deps);
      return takeNdjson<MetricRecord>(deps, req, res, {
        kind: "metrics",
        validate: (value, row) => {
          if (!value || typeof value !== "object" || Array.isArray(value))
            return { ok: false, problems: [{ row, field: "line", message: "not a JSON object" }] };
          const v = validateMetricRow(value as Record<string, unknown>, row);
          return v.ok ? { ok: true, item: v.record } : v;
        },
        add: (items) => ingest.add(items),
        finish: async () => ({ ...(await ingest.finish()) }),
      });
    }
    const text = await readBody(req);
    if (text === undefined)
      return sendJson(res, 413, {
        error: "too_large",
        hint: "send at most 5 MB per JSON request, or stream NDJSON (Content-Type: application/x-ndjson)",
      });
    const batch = parseJsonMetrics(text);
    if (batch.problems.length)
      return sendJson(res, 400, { error: "invalid_rows", problems: batch.problems.slice(0, 100) });
    sendJson(res, 200, { ok: true, ...(await ingestMetrics(deps, batch.records)) });
  },
};

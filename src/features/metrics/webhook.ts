// POST /webhooks/metrics: a bearer token and a JSON batch. A batch with a bad row is refused whole
// (400, each row and field named); re-sending a day replaces it.
import { bearerOk, readBody, sendJson } from "../../infra/webhook.ts";
import type { HttpRoute } from "../feature.ts";
import { ingestMetrics } from "./ingest.ts";
import { parseJsonMetrics } from "./parse-batch.ts";

export const metricsWebhook: HttpRoute = {
  method: "POST",
  path: "/webhooks/metrics",
  async handle(deps, req, res) {
    if (!bearerOk(deps.config.METRICS_WEBHOOK_TOKEN, req.headers.authorization)) {
      return sendJson(res, 401, { error: "unauthorized", hint: "send Authorization: Bearer <METRICS_WEBHOOK_TOKEN>" });
    }
    const text = await readBody(req);
    if (text === undefined) return sendJson(res, 413, { error: "too_large", hint: "send at most 5 MB per request" });
    const batch = parseJsonMetrics(text);
    if (batch.problems.length) return sendJson(res, 400, { error: "invalid_rows", problems: batch.problems.slice(0, 100) });
    sendJson(res, 200, { ok: true, ...(await ingestMetrics(deps, batch.records)) });
  },
};

// POST /webhooks/metrics: a bearer token and a JSON batch. A batch with a bad row is refused whole
// (400, each row and field named); re-sending a day replaces it.
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { HttpRoute } from "../feature.ts";
import { ingestMetrics } from "./ingest.ts";
import { parseJsonMetrics } from "./parse-batch.ts";

const send = (res: ServerResponse, status: number, body: object): void => void res.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(body));

async function readBody(req: IncomingMessage, max: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > max) return undefined;
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export const metricsWebhook: HttpRoute = {
  method: "POST",
  path: "/webhooks/metrics",
  async handle(deps, req, res) {
    const expected = Buffer.from(deps.config.METRICS_WEBHOOK_TOKEN ?? "");
    const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "");
    if (expected.length === 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return send(res, 401, { error: "unauthorized", hint: "send Authorization: Bearer <METRICS_WEBHOOK_TOKEN>" });
    }
    const text = await readBody(req, 5 * 1024 * 1024);
    if (text === undefined) return send(res, 413, { error: "too_large" });
    const batch = parseJsonMetrics(text);
    if (batch.problems.length) return send(res, 400, { error: "invalid_rows", problems: batch.problems.slice(0, 100) });
    send(res, 200, { ok: true, ...(await ingestMetrics(deps, batch.records)) });
  },
};

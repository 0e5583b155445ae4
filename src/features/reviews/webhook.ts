// POST /webhooks/reviews: a bearer token, then JSON or NDJSON. A batch with a bad row is refused
// whole (400, naming each row and field) so the sender can fix it and send it again safely:
// reviews already stored are recognised by (platform, review id) and not stored twice.
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Deps } from "../../deps.ts";
import type { HttpRoute } from "../feature.ts";
import { ingestReviews } from "./ingest.ts";
import { parseJsonReviews } from "./parse-batch.ts";

const MAX_BYTES = 5 * 1024 * 1024;

function send(res: ServerResponse, status: number, body: object) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(body));
}

function tokenOk(deps: Deps, header: string | undefined): boolean {
  const expected = deps.config.REVIEWS_WEBHOOK_TOKEN;
  const given = /^Bearer (.+)$/.exec(header ?? "")?.[1] ?? "";
  if (!expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BYTES) return undefined;
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export const reviewsWebhook: HttpRoute = {
  method: "POST",
  path: "/webhooks/reviews",
  async handle(deps, req, res) {
    if (!tokenOk(deps, req.headers.authorization)) {
      return send(res, 401, { error: "unauthorized", hint: "send Authorization: Bearer <REVIEWS_WEBHOOK_TOKEN>" });
    }
    const text = await readBody(req);
    if (text === undefined) return send(res, 413, { error: "too_large", hint: "send at most 5 MB per request" });
    const batch = parseJsonReviews(text, deps.config.DEFAULT_TIMEZONE);
    if (batch.problems.length) return send(res, 400, { error: "invalid_rows", problems: batch.problems.slice(0, 100) });
    if (batch.reviews.length === 0) return send(res, 400, { error: "empty", hint: "send a JSON array, {\"reviews\": [...]}, or one JSON review per line" });
    const r = await ingestReviews(deps, batch.reviews);
    send(res, 200, { ok: true, ...r });
  },
};

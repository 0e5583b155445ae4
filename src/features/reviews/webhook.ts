// POST /webhooks/reviews: a bearer token, then JSON or NDJSON. A batch (up to 5 MB) with a bad row
// is refused whole (400, naming each row and field) so the sender can fix it and send it again
// safely: reviews already stored are recognised by (platform, review id) and not stored twice.
// With Content-Type application/x-ndjson the body is streamed (up to 2 GiB): stored as it
// arrives, bad lines skipped and named.
import { takeNdjson } from "../../infra/ndjson-upload.ts";
import { bearerOk, bodyKind, readBody, sendJson, UNSUPPORTED_TYPE } from "../../infra/webhook.ts";
import type { HttpRoute } from "../feature.ts";
import { ingestReviews, ReviewIngest } from "./ingest.ts";
import { parseJsonReviews } from "./parse-batch.ts";
import { validateRow, type ParsedReview } from "./schema.ts";

export const reviewsWebhook: HttpRoute = {
  method: "POST",
  path: "/webhooks/reviews",
  async handle(deps, req, res) {
    if (!bearerOk(deps.config.REVIEWS_WEBHOOK_TOKEN, req.headers.authorization)) {
      return sendJson(res, 401, { error: "unauthorized", hint: "send Authorization: Bearer <REVIEWS_WEBHOOK_TOKEN>" });
    }
    const kind = bodyKind(req.headers["content-type"]);
    if (!kind) return sendJson(res, 415, UNSUPPORTED_TYPE);
    if (kind === "ndjson") {
      const ingest = new ReviewIngest(deps);
      return takeNdjson<ParsedReview>(deps, req, res, {
        kind: "reviews",
        validate: (value, row) => {
          const v = validateRow(value, row, deps.config.DEFAULT_TIMEZONE);
          return v.ok ? { ok: true, item: v.review } : v;
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
    const batch = parseJsonReviews(text, deps.config.DEFAULT_TIMEZONE);
    if (batch.problems.length)
      return sendJson(res, 400, { error: "invalid_rows", problems: batch.problems.slice(0, 100) });
    if (batch.reviews.length === 0)
      return sendJson(res, 400, {
        error: "empty",
        hint: 'send a JSON array, {"reviews": [...]}, or one JSON review per line',
      });
    sendJson(res, 200, { ok: true, ...(await ingestReviews(deps, batch.reviews)) });
  },
};

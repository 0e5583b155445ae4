// POST /webhooks/<kind>: a bearer token (compared in constant time), then a JSON batch (up to
// 5 MB; a batch with a bad row is refused whole, 400, each row and field named, so the sender can
// fix it and send it again safely) or an NDJSON stream (Content-Type application/x-ndjson, up to
// 2 GiB: stored as it arrives, bad lines skipped and named).
import type { HttpRoute } from "../feature.ts";
import { bearerOk, bodyKind, readBody, UNSUPPORTED_TYPE } from "../infra/webhook.ts";
import { sendJson } from "../infra/http-body.ts";
import type { Intake } from "./intake.ts";
import { takeNdjson } from "./ndjson-upload.ts";

export function webhookRoute<T>(intake: Intake<T>): HttpRoute {
  return {
    method: "POST",
    path: intake.path,
    async handle(deps, req, res) {
      if (!bearerOk(deps.config[intake.tokenSetting], req.headers.authorization)) {
        return sendJson(res, 401, {
          error: "unauthorized",
          hint: `send Authorization: Bearer <${intake.tokenSetting}>`,
        });
      }
      const kind = bodyKind(req.headers["content-type"]);
      if (!kind) return sendJson(res, 415, UNSUPPORTED_TYPE);
      if (kind === "ndjson") {
        const stream = intake.stream(deps);
        return takeNdjson<T>(deps, req, res, {
          kind: intake.kind,
          validate: (value, row) => intake.readLine(value, row, deps.config),
          add: (items) => stream.add(items),
          finish: () => stream.finish(),
        });
      }
      const text = await readBody(req);
      if (text === undefined)
        return sendJson(res, 413, {
          error: "too_large",
          hint: "send at most 5 MB per JSON request, or stream NDJSON (Content-Type: application/x-ndjson)",
        });
      const batch = intake.readJson(text, deps.config);
      if (batch.problems.length)
        return sendJson(res, 400, { error: "invalid_rows", problems: batch.problems.slice(0, 100) });
      if (batch.items.length === 0)
        return sendJson(res, 400, { error: "empty", hint: "send a JSON array of rows, or one JSON object per line" });
      sendJson(res, 200, { ok: true, ...(await intake.store(deps, batch.items)) });
    },
  };
}

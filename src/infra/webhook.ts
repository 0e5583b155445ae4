// Shared by the data webhooks: bearer-token check in constant time, and a size-capped body.
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { BodyTooLarge, readBodyCapped } from "./http-body.ts";
import { NDJSON_TYPES } from "./ndjson.ts";

export function bearerOk(expected: string | undefined, header: string | undefined): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? "")?.[1] ?? "");
  const want = Buffer.from(expected ?? "");
  return want.length > 0 && given.length === want.length && timingSafeEqual(given, want);
}

/** The body as text, or undefined when it is over `maxBytes` (the rest is drained, not reset). */
export async function readBody(req: IncomingMessage, maxBytes = 5 * 1024 * 1024): Promise<string | undefined> {
  try {
    return (await readBodyCapped(req, maxBytes)).toString("utf8");
  } catch (e) {
    if (e instanceof BodyTooLarge) return undefined;
    throw e;
  }
}

/**
 * What a webhook takes: JSON (application/json) or a stream of JSON lines (application/x-ndjson).
 * Anything else (text/plain, a form) is refused with 415 before the body is read: a sender whose
 * JSON is labelled as text has a bug it should hear about, not one we guess around.
 */
export function bodyKind(contentType: string | undefined): "json" | "ndjson" | undefined {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/json") return "json";
  if (NDJSON_TYPES.test(type)) return "ndjson";
  return undefined;
}

export const UNSUPPORTED_TYPE = {
  error: "unsupported_media_type",
  hint: "send Content-Type: application/json (a JSON array, at most 5 MB) or application/x-ndjson (one JSON object per line, streamed)",
};

// Shared by the data webhooks: bearer-token check in constant time, and a size-capped body.
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { BodyTooLarge, readBodyCapped } from "./http-body.ts";
export { sendJson } from "./http-body.ts";

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

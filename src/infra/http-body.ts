// Reading request bodies with a size cap, without breaking the connection for the next request.
// Breaking out of `for await (… of req)` destroys the socket; a client that keeps the connection
// alive then has its next request reset. So an oversized body is answered 413 and the rest of it
// is read and dropped (up to a hard cap, beyond which the connection is dropped).
import type { IncomingMessage, ServerResponse } from "node:http";

/** Beyond this, draining an oversized body costs more than a new connection: close it instead. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
  }
}

/** The whole body, or BodyTooLarge once it passes `maxBytes` (the rest is drained in the background). */
export function readBodyCapped(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    const declared = Number(req.headers["content-length"] ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) over = true;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (over || size > maxBytes) {
        if (!over) {
          over = true;
          chunks.length = 0;
          reject(new BodyTooLarge(maxBytes));
        }
        if (size > DRAIN_LIMIT) req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => (over ? reject(new BodyTooLarge(maxBytes)) : resolve(Buffer.concat(chunks))));
    req.on("error", reject);
    if (over) reject(new BodyTooLarge(maxBytes));
  });
}

/** 413; the connection stays usable because readBodyCapped keeps draining what is left. */
export function tooLarge(res: ServerResponse, limit: number, hint?: string): void {
  if (res.headersSent) return;
  res.writeHead(413, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify({ error: "too_large", limit, ...(hint ? { hint } : {}) }));
}

export function sendJson(res: ServerResponse, status: number, body: object): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(body));
}

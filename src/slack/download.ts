// Files a user shared, downloaded from Slack's file host with the bot's token (files:read): the
// token goes only to Slack's own hosts, redirects are followed by hand, and a file past the
// import limit is refused as soon as it is known to be one.
import { GrowingFile } from "../infra/growing-file.ts";
import { yieldToLoop } from "../infra/wake-loop.ts";
import { ForeignHostError, SlackCallError } from "./call-errors.ts";

/** A file from Slack, with the token sent only to Slack's own hosts, redirects followed by hand. */
export async function download(
  token: string,
  mayGetToken: (url: string) => boolean,
  timeoutMs: number,
  url: string,
  maxBytes: number,
): Promise<Buffer> {
  const { res, declared } = await openDownload(token, mayGetToken, timeoutMs, url, maxBytes);
  return readBody(res, declared, maxBytes);
}

/**
 * The same download, returned as soon as it starts when the server declares its size: the bytes
 * arrive into a GrowingFile that a reader thread can parse as they come. `done` settles when the
 * last byte is in (or rejects as the download would have). Without a declared size, the whole file.
 */
export async function downloadGrowing(
  token: string,
  mayGetToken: (url: string) => boolean,
  timeoutMs: number,
  url: string,
  maxBytes: number,
): Promise<Buffer | { file: GrowingFile; done: Promise<void> }> {
  const { res, declared } = await openDownload(token, mayGetToken, timeoutMs, url, maxBytes);
  // A compressed body is declared by its compressed length and arrives longer: read it whole.
  const encoded = (res.headers.get("content-encoding") ?? "identity") !== "identity";
  if (!declared || encoded || !res.body) return readBody(res, declared, maxBytes);
  const file = new GrowingFile(declared);
  const done = fillGrowing(res.body, file);
  // Settled by whoever reads the file; never an unhandled rejection if nobody does.
  done.catch(() => {});
  return { file, done };
}

async function fillGrowing(body: ReadableStream<Uint8Array>, file: GrowingFile): Promise<void> {
  const reader = body.getReader();
  const giveWay = turns();
  try {
    for (;;) {
      await giveWay();
      let next;
      try {
        next = await reader.read();
      } catch {
        throw new SlackCallError({ type: "transient", reason: "network_error" });
      }
      if (next.done) break;
      if (!file.append(next.value)) {
        await reader.cancel().catch(() => {});
        throw new SlackCallError({ type: "permanent", reason: "file_too_large" });
      }
    }
    if (!file.end()) throw new SlackCallError({ type: "transient", reason: "download_cut_short" });
  } finally {
    file.stop();
  }
}

/** The response to a file's GET, its token only for Slack's hosts, refused past maxBytes as declared. */
async function openDownload(
  token: string,
  mayGetToken: (url: string) => boolean,
  timeoutMs: number,
  url: string,
  maxBytes: number,
): Promise<{ res: Response; declared: number | undefined }> {
  if (!mayGetToken(url)) throw new ForeignHostError(url);
  let res: Response | undefined;
  let at = url;
  // Redirects are followed by hand: the token goes along only to Slack's own hosts.
  for (let hop = 0; hop < 4; hop++) {
    try {
      res = await fetch(at, {
        headers: mayGetToken(at) ? { authorization: `Bearer ${token}` } : {},
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new SlackCallError({ type: "transient", reason: "network_error" });
    }
    const next = res.status >= 300 && res.status < 400 ? res.headers.get("location") : null;
    if (!next) break;
    at = new URL(next, at).toString();
    res = undefined;
  }
  if (!res) throw new SlackCallError({ type: "permanent", reason: "too_many_redirects" });
  if (!res.ok)
    throw new SlackCallError({
      type: res.status >= 500 ? "transient" : "permanent",
      reason: `download_http_${res.status}`,
    });
  const declared = Number(res.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) throw new SlackCallError({ type: "permanent", reason: "file_too_large" });
  return { res, declared: Number.isFinite(declared) ? declared : undefined };
}

/** Gives the event loop a turn when the work since the last one has taken more than 4 ms. */
function turns(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since <= 4) return;
    await yieldToLoop();
    since = performance.now();
  };
}

/**
 * The body read chunk by chunk, with the event loop given a turn every few milliseconds: chunks
 * already received resolve as microtasks, so a fast download never returns to the loop on its own,
 * and joining 130 MB at once (arrayBuffer(), or a buffer grown by doubling) held acks for 50–150 ms.
 * With a declared size the chunks go straight into one buffer; without one they are joined at the
 * end, a chunk per turn. Stops as soon as the body passes maxBytes. The result may be a view into a
 * larger buffer that nothing else holds, so a reader thread can take it over without a copy.
 */
async function readBody(res: Response, declared: number | undefined, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new SlackCallError({ type: "permanent", reason: "file_too_large" });
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const giveWay = turns();
  let out = declared ? Buffer.allocUnsafe(declared) : undefined;
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    await giveWay();
    const { done, value } = await reader.read();
    if (done) break;
    if (length + value.byteLength > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    if (out && length + value.byteLength <= out.length) out.set(value, length);
    else {
      // More than the declared size (or none declared): what came so far, then each chunk.
      if (out) chunks.push(out.subarray(0, length));
      out = undefined;
      chunks.push(value);
    }
    length += value.byteLength;
  }
  if (out) return out.subarray(0, length);
  const whole = Buffer.allocUnsafe(length);
  let at = 0;
  for (const c of chunks)
    for (let i = 0; i < c.byteLength; i += 1 << 22) {
      await giveWay();
      const piece = c.subarray(i, i + (1 << 22));
      whole.set(piece, at);
      at += piece.byteLength;
    }
  return whole;
}

import { webApi } from "@slack/bolt";
import { unesc } from "../infra/markup.ts";
import { yieldToLoop } from "../infra/wake-loop.ts";
import type { SlackApi, SlackResult } from "../deps.ts";

/**
 * Messages are built as mrkdwn, where user data is escaped (&amp; &lt; &gt;). plain_text objects
 * (buttons, headers, modal titles) are not parsed by Slack, which escapes them itself: they get
 * the characters back, so "A&B" shows as A&B and not as A&amp;B.
 */
export function plainTextAsWritten<T>(value: T): T {
  if (Array.isArray(value)) return value.map(plainTextAsWritten) as T;
  if (value === null || typeof value !== "object") return value;
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = plainTextAsWritten(v);
  if (o.type === "plain_text" && typeof o.text === "string") out.text = unesc(o.text);
  return out as T;
}

/** How a failed Slack call should be treated by whoever retries it. */
export type CallFailure =
  | { type: "ratelimited"; retryAfterMs: number }
  | { type: "transient"; reason: string }
  | { type: "permanent"; reason: string };

export class SlackCallError extends Error {
  constructor(readonly failure: CallFailure) {
    super(`slack call failed: ${failure.type} ${"reason" in failure ? failure.reason : failure.retryAfterMs}`);
  }
}

/** A URL the bot token must never be sent to. */
export class ForeignHostError extends Error {
  constructor(readonly url: string) {
    super(`refusing to send the bot token to ${new URL(url).host}`);
  }
}

/**
 * Hosts that may receive the bot token: Slack's own, as named by SLACK_API_URL. For
 * https://slack.com/api/ that is slack.com and its file host files.slack.com (and the same pair
 * for GovSlack's slack-gov.com); for a local stand-in of Slack, its own origin.
 */
export function tokenHosts(slackApiUrl: string): (url: string) => boolean {
  const api = new URL(slackApiUrl);
  const apex = api.hostname.replace(/^api\./, "");
  const allowed = new Set([api.origin, `https://files.${apex}`, `https://${apex}`]);
  return (url) => {
    try {
      const u = new URL(url);
      return allowed.has(u.origin) && !u.username && !u.password;
    } catch {
      return false;
    }
  };
}

// Slack says these mean "try again later", not "this request is wrong".
const transientErrors = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
  "ratelimited",
]);

export function classify(e: unknown): CallFailure {
  const err = e as {
    code?: string;
    retryAfter?: number;
    data?: { error?: string };
    statusCode?: number;
    message?: string;
  };
  switch (err.code) {
    case webApi.ErrorCode.RateLimitedError:
      return { type: "ratelimited", retryAfterMs: (err.retryAfter ?? 1) * 1000 };
    case webApi.ErrorCode.PlatformError: {
      const reason = err.data?.error ?? "unknown_error";
      return transientErrors.has(reason) ? { type: "transient", reason } : { type: "permanent", reason };
    }
    case webApi.ErrorCode.HTTPError:
      return (err.statusCode ?? 500) >= 500 || err.statusCode === 408
        ? { type: "transient", reason: `http_${err.statusCode}` }
        : { type: "permanent", reason: `http_${err.statusCode}` };
    case webApi.ErrorCode.RequestError:
      return { type: "transient", reason: "network_error" };
    default:
      return { type: "transient", reason: err.message ?? "unknown" };
  }
}

/**
 * The Web API with the SDK's own retries switched off: the outbox owns retrying, so a 429 or a
 * 5xx is reported straight back to it instead of being retried invisibly inside the client.
 */
export function createSlackApi(token: string, slackApiUrl: string, timeoutMs = 10_000): SlackApi {
  const mayGetToken = tokenHosts(slackApiUrl);
  const client = new webApi.WebClient(token, {
    slackApiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: timeoutMs,
    logLevel: webApi.LogLevel.ERROR,
  });
  return {
    async call(method, args) {
      try {
        return (await client.apiCall(method, plainTextAsWritten(args))) as SlackResult;
      } catch (e) {
        throw new SlackCallError(classify(e));
      }
    },
    download: (url, maxBytes) => download(token, mayGetToken, timeoutMs, url, maxBytes),
    async upload(url, bytes) {
      let res: Response;
      try {
        res = await fetch(url, { method: "POST", body: new Uint8Array(bytes), signal: AbortSignal.timeout(timeoutMs) });
      } catch {
        throw new SlackCallError({ type: "transient", reason: "network_error" });
      }
      if (res.status >= 500 || res.status === 429)
        throw new SlackCallError({ type: "transient", reason: `upload_http_${res.status}` });
      if (!res.ok) throw new SlackCallError({ type: "permanent", reason: `upload_http_${res.status}` });
    },
    async respond(url, body) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json; charset=utf-8" },
          body: JSON.stringify(plainTextAsWritten(body)),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch {
        throw new SlackCallError({ type: "transient", reason: "network_error" });
      }
      const text = await res.text();
      if (res.status === 429) {
        const after = Number(res.headers.get("retry-after") ?? "1");
        throw new SlackCallError({ type: "ratelimited", retryAfterMs: after * 1000 });
      }
      if (res.status >= 500) throw new SlackCallError({ type: "transient", reason: `http_${res.status}` });
      // response_url answers 404 with "expired_url" / "used_url" once it can no longer be used.
      if (res.status >= 400)
        throw new SlackCallError({ type: "permanent", reason: text.trim() || `http_${res.status}` });
    },
  };
}

/** A file from Slack, with the token sent only to Slack's own hosts, redirects followed by hand. */
async function download(
  token: string,
  mayGetToken: (url: string) => boolean,
  timeoutMs: number,
  url: string,
  maxBytes: number,
): Promise<Buffer> {
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
  return readBody(res, Number.isFinite(declared) ? declared : undefined, maxBytes);
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

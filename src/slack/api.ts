import { webApi } from "@slack/bolt";
import { unesc } from "../infra/markup.ts";
import type { SlackApi, SlackResult } from "../deps.ts";
import { SlackCallError, type CallFailure } from "./call-errors.ts";
import { download, downloadGrowing } from "./file-downloads.ts";

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

export { ForeignHostError, SlackCallError, type CallFailure } from "./call-errors.ts";

export { tokenHosts } from "./download.ts";

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
    download: (url, maxBytes) => download({ token, slackApiUrl, timeoutMs, url, maxBytes, whole: true }),
    downloadGrowing: (url, maxBytes) => downloadGrowing({ token, slackApiUrl, timeoutMs, url, maxBytes }),
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

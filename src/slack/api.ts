import { webApi } from "@slack/bolt";

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

export type SlackResult = Record<string, unknown> & { ok: boolean };
export interface SlackApi {
  call(method: string, args: Record<string, unknown>): Promise<SlackResult>;
  /** GET a file a user shared (url_private_download), with the bot token (files:read). */
  download(url: string, maxBytes: number): Promise<Buffer>;
  /** POST file bytes to an upload URL from files.getUploadURLExternal. */
  upload(url: string, bytes: Buffer): Promise<void>;
  /** POST to a response_url (slash commands, interactions). */
  respond(url: string, body: Record<string, unknown>): Promise<void>;
}

// Slack says these mean "try again later", not "this request is wrong".
const transientErrors = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited"]);

export function classify(e: unknown): CallFailure {
  const err = e as { code?: string; retryAfter?: number; data?: { error?: string }; statusCode?: number; message?: string };
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
        return (await client.apiCall(method, args)) as SlackResult;
      } catch (e) {
        throw new SlackCallError(classify(e));
      }
    },
    async download(url, maxBytes) {
      let res: Response;
      try {
        res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(timeoutMs) });
      } catch {
        throw new SlackCallError({ type: "transient", reason: "network_error" });
      }
      if (!res.ok) throw new SlackCallError({ type: res.status >= 500 ? "transient" : "permanent", reason: `download_http_${res.status}` });
      const buf = Buffer.from(await res.arrayBuffer());
      if (buf.length > maxBytes) throw new SlackCallError({ type: "permanent", reason: "file_too_large" });
      return buf;
    },
    async upload(url, bytes) {
      let res: Response;
      try {
        res = await fetch(url, { method: "POST", body: new Uint8Array(bytes), signal: AbortSignal.timeout(timeoutMs) });
      } catch {
        throw new SlackCallError({ type: "transient", reason: "network_error" });
      }
      if (res.status >= 500 || res.status === 429) throw new SlackCallError({ type: "transient", reason: `upload_http_${res.status}` });
      if (!res.ok) throw new SlackCallError({ type: "permanent", reason: `upload_http_${res.status}` });
    },
    async respond(url, body) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json; charset=utf-8" },
          body: JSON.stringify(body),
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
      if (res.status >= 400) throw new SlackCallError({ type: "permanent", reason: text.trim() || `http_${res.status}` });
    },
  };
}

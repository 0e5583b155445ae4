// Files a user shared, downloaded from Slack's file host with the bot's token (files:read): the
// token goes only to Slack's own hosts, redirects are followed by hand, and a file past the
// import limit is refused as soon as it is known to be one. This runs on a download's own thread
// (download-thread.ts, started by file-downloads.ts), never on the event loop.
import { GrowingFile, type SharedGrowingFile } from "../infra/growing-file.ts";
import { yieldToLoop } from "../infra/wake-loop.ts";
import { ForeignHostError, SlackCallError, type CallFailure } from "./call-errors.ts";

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

/** What a download thread is asked to fetch. `whole`: the file in one piece, never as it arrives. */
export interface DownloadJob {
  token: string;
  slackApiUrl: string;
  timeoutMs: number;
  url: string;
  maxBytes: number;
  whole?: boolean;
}

/** What the thread says: the file whole, or shared memory it fills (then done), or why it failed. */
export type FromDownload =
  | { type: "whole"; bytes: Uint8Array }
  | { type: "growing"; shared: SharedGrowingFile }
  | { type: "done" }
  | { type: "failed"; failure: CallFailure; foreignUrl?: string };

/**
 * Runs one download and tells `say` how it goes. When the server declares the size (and doesn't
 * compress the body, whose declared length would then be the compressed one), the bytes go into
 * a GrowingFile that a reader thread parses as they come, and `growing` is said as soon as the
 * download starts. Otherwise, or when asked for the whole file, the body is read whole and its
 * memory handed over without a copy.
 */
export async function runDownload(
  job: DownloadJob,
  say: (m: FromDownload, transfer?: ArrayBuffer[]) => void,
): Promise<void> {
  const quiet = new Silence(job.timeoutMs);
  try {
    const { res, declared } = await openDownload(job, tokenHosts(job.slackApiUrl), quiet);
    const encoded = (res.headers.get("content-encoding") ?? "identity") !== "identity";
    if (job.whole || !declared || encoded || !res.body) {
      const bytes = await readBody(res, declared, job.maxBytes, quiet);
      // Node's pool of small buffers can't move between threads: those few bytes are copied.
      const own = bytes.byteLength >= Buffer.poolSize ? [bytes.buffer as ArrayBuffer] : [];
      return say({ type: "whole", bytes }, own);
    }
    const file = new GrowingFile(declared);
    say({ type: "growing", shared: file.shared });
    await fillGrowing(res.body, file, quiet);
    say({ type: "done" });
  } catch (e) {
    if (e instanceof ForeignHostError)
      return say({ type: "failed", failure: { type: "permanent", reason: "foreign_host" }, foreignUrl: e.url });
    const failure: CallFailure =
      e instanceof SlackCallError ? e.failure : { type: "transient", reason: "network_error" };
    say({ type: "failed", failure });
  } finally {
    quiet.stop();
  }
}

/**
 * The download's timeout: it stops the download when nothing has come for `ms`, waiting for the
 * answer or between two pieces of the body, not when the whole body takes longer. (A timeout on
 * the whole request stopped a 127 MB export from a file host sending 10 MB a second.)
 */
class Silence {
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout;
  readonly signal = this.abort.signal;

  constructor(ms: number) {
    this.timer = setTimeout(() => this.abort.abort(), ms);
  }

  /** Something came: the wait starts again. */
  heard(): void {
    this.timer.refresh();
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}

async function fillGrowing(body: ReadableStream<Uint8Array>, file: GrowingFile, quiet: Silence): Promise<void> {
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
      quiet.heard();
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
  { token, url, maxBytes }: DownloadJob,
  mayGetToken: (url: string) => boolean,
  quiet: Silence,
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
        signal: quiet.signal,
      });
    } catch {
      throw new SlackCallError({ type: "transient", reason: "network_error" });
    }
    quiet.heard();
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

/** Gives the thread's loop a turn when the work since the last one has taken more than 4 ms. */
function turns(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since <= 4) return;
    await yieldToLoop();
    since = performance.now();
  };
}

/**
 * The body read chunk by chunk, giving the thread's loop a turn every few milliseconds (chunks
 * already received resolve as microtasks, so a fast download would never return to it on its own,
 * and the parent's messages wait for that turn). With a declared size the chunks go straight into
 * one buffer; without one they are joined at the end. Stops as soon as the body passes maxBytes.
 * The result may be a view into a larger buffer that nothing else holds, so it can move to another
 * thread without a copy.
 */
async function readBody(
  res: Response,
  declared: number | undefined,
  maxBytes: number,
  quiet: Silence,
): Promise<Buffer> {
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
    quiet.heard();
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

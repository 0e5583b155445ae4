// The one HTTP server on PORT. It routes by exact method and path (404 for an unknown path, 405
// with Allow for a known path and another method), answers /healthz, /metrics and the webhooks,
// and screens Slack's requests before Bolt's receiver sees them: body size, signature, shape.
// Nothing a client sends can reach a handler that would answer 500 or end the process.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { realNowMs } from "../infra/clock.ts";
import { BodyTooLarge, readBodyCapped, sendJson, tooLarge } from "../infra/http-body.ts";
import type { Log } from "../infra/logger.ts";
import { checkSlackRequest } from "./request-shape.ts";

export interface Route {
  method: "GET" | "POST";
  path: string;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export interface SlackEndpoint {
  path: string;
  signingSecret: string;
  /** Bolt's HTTPReceiver.requestListener: it reuses `req.rawBody` when it is already read. */
  listener: (req: IncomingMessage, res: ServerResponse) => void;
  maxBytes?: number;
  onAnswered?: (seconds: number) => void;
}

/** Slack's own interaction payloads stay well under this (a full modal is a few hundred KB). */
const SLACK_MAX_BYTES = 2 * 1024 * 1024;

export function verifySignature(secret: string, req: IncomingMessage, raw: Buffer): boolean {
  const ts = Number(req.headers["x-slack-request-timestamp"]);
  const sig = req.headers["x-slack-signature"];
  if (!Number.isFinite(ts) || typeof sig !== "string" || !sig.startsWith("v0=")) return false;
  // Slack's replay window: five minutes either way, in real time.
  if (Math.abs(realNowMs() / 1000 - ts) > 300) return false;
  const want = Buffer.from("v0=" + createHmac("sha256", secret).update(`v0:${ts}:`).update(raw).digest("hex"));
  const given = Buffer.from(sig);
  return given.length === want.length && timingSafeEqual(given, want);
}

export function createFrontDoor(o: { routes: Route[]; slack?: SlackEndpoint; log: Log }): Server {
  const { routes, slack, log } = o;
  const byPath = new Map<string, Route[]>();
  for (const r of routes) byPath.set(r.path, [...(byPath.get(r.path) ?? []), r]);
  if (slack)
    byPath.set(slack.path, [
      ...(byPath.get(slack.path) ?? []),
      { method: "POST", path: slack.path, handle: async () => {} },
    ]);

  async function serveSlack(s: SlackEndpoint, req: IncomingMessage, res: ServerResponse, started: bigint) {
    let raw: Buffer;
    try {
      raw = await readBodyCapped(req, s.maxBytes ?? SLACK_MAX_BYTES);
    } catch (e) {
      if (e instanceof BodyTooLarge) return tooLarge(res, e.limit);
      throw e;
    }
    // Slack checks a slash command's certificate with an unsigned ssl_check=1: answer it and
    // nothing else (whatever else the body says is not looked at).
    if (
      req.headers["content-type"] === "application/x-www-form-urlencoded" &&
      new URLSearchParams(raw.toString("utf8")).get("ssl_check") === "1"
    ) {
      res.writeHead(200).end();
      return;
    }
    if (!verifySignature(s.signingSecret, req, raw)) {
      log.warn({ path: s.path }, "slack request with a missing, stale or wrong signature");
      res.writeHead(401).end();
      return;
    }
    const verdict = checkSlackRequest(req.headers["content-type"], raw.toString("utf8"));
    if (!verdict.ok) {
      log.warn({ status: verdict.status, reason: verdict.reason }, "slack request refused at the door");
      if (verdict.status === 200) res.writeHead(200).end();
      else sendJson(res, verdict.status, { error: "bad_request", reason: verdict.reason });
      return;
    }
    (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
    res.on("finish", () => s.onAnswered?.(Number(process.hrtime.bigint() - started) / 1e9));
    s.listener(req, res);
  }

  return createServer((req, res) => {
    const started = process.hrtime.bigint();
    const path = (req.url ?? "/").split("?")[0]!;
    const candidates = byPath.get(path);
    const done = (p: Promise<void>) =>
      p.catch((e) => {
        log.error({ err: e, method: req.method, path }, "http handler failed");
        if (!res.headersSent) sendJson(res, 500, { error: "internal" });
        else res.destroy();
      });
    if (!candidates) {
      req.resume();
      return sendJson(res, 404, { error: "not_found" });
    }
    const route = candidates.find((r) => r.method === req.method || (req.method === "HEAD" && r.method === "GET"));
    if (!route) {
      req.resume();
      res.setHeader("allow", [...new Set(candidates.map((r) => r.method))].join(", "));
      return sendJson(res, 405, { error: "method_not_allowed" });
    }
    if (slack && path === slack.path) return void done(serveSlack(slack, req, res, started));
    done(route.handle(req, res));
  });
}

// The Bolt app: Socket Mode when an app token is set (no public URL needed), otherwise Slack's
// HTTP endpoint at /slack/events. Our own HTTP server fronts the receiver in both modes so that
// /healthz and /metrics share PORT and every Slack request's ack time is measured.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver } from "@slack/bolt";
import type { Deps } from "../deps.ts";
import type { Feature } from "../features/feature.ts";
import { boltLogger } from "./bolt-logger.ts";
import { opsHandler, type Health } from "./ops-routes.ts";

export interface BotIdentity {
  botId?: string;
  botUserId?: string;
}

export interface SlackRuntime {
  app: App;
  start(): Promise<number>;
  stop(): Promise<void>;
}

export function createSlackRuntime(deps: Deps, features: readonly Feature[], identity: BotIdentity, health: Health): SlackRuntime {
  const { config, log, metrics } = deps;
  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  const receiver = socketMode
    ? undefined
    : new HTTPReceiver({ signingSecret: config.SLACK_SIGNING_SECRET ?? "", endpoints: "/slack/events", logger: boltLogger(log) });
  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    ...(socketMode ? { socketMode: true, appToken: config.SLACK_APP_TOKEN } : { receiver }),
    // The identity comes from our own auth.test at start, so Bolt needn't call it per request.
    botId: identity.botId,
    botUserId: identity.botUserId,
    tokenVerificationEnabled: false,
    clientOptions: { slackApiUrl: config.SLACK_API_URL },
    logger: boltLogger(log),
  });
  app.use(async ({ body, next }) => {
    const b = body as { type?: string; command?: string };
    metrics.requests.inc({ type: b.command ? "command" : (b.type ?? "unknown") });
    await next();
  });
  app.error(async (e) => {
    log.error({ err: e }, "unhandled error in a Slack listener");
  });
  for (const f of features) f.register(app, deps, features);

  const ops = opsHandler(deps, health);
  let server: Server | undefined;
  return {
    app,
    async start() {
      server = createServer((req, res) => {
        const started = process.hrtime.bigint();
        const path = (req.url ?? "").split("?")[0];
        const route = features.flatMap((f) => f.routes ?? []).find((r) => r.method === req.method && r.path === path);
        (route ? route.handle(deps, req, res).then(() => true) : ops(req, res))
          .then((handled) => {
            if (handled) return;
            if (!receiver) return void res.writeHead(404).end();
            res.on("finish", () => metrics.ackSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9));
            return receiver.requestListener(req, res);
          })
          .catch((e) => {
            log.error({ err: e }, "http handler failed");
            if (!res.headersSent) res.writeHead(500).end();
          });
      });
      await new Promise<void>((resolve, reject) => {
        server!.once("error", reject);
        server!.listen(config.PORT, config.HOST, () => resolve());
      });
      if (socketMode) await app.start();
      return (server.address() as AddressInfo).port;
    },
    async stop() {
      if (socketMode) await app.stop();
      await new Promise<void>((resolve) => {
        if (!server) return resolve();
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}

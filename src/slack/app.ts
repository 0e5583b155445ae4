// The Bolt app: Socket Mode when an app token is set (no public URL needed), otherwise Slack's
// HTTP endpoint at /slack/events. Our own HTTP server fronts the receiver in both modes so that
// /healthz and /metrics share PORT and every Slack request's ack time is measured.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver } from "@slack/bolt";
import type { Deps } from "../deps.ts";
import { boltLogger } from "./bolt-logger.ts";
import { dedupeRequests } from "./dedupe.ts";
import { routeListeners } from "./router.ts";
import { actingPerson } from "./handler-context.ts";
import { registerRollupActions } from "./delivery/rollup-actions.ts";
import { refuseLongCommands } from "./command-length.ts";
import { createFrontDoor, type Route } from "./front-door.ts";
import { opsRoutes, type Health } from "./ops-routes.ts";

export interface BotIdentity {
  botId?: string;
  botUserId?: string;
}

export interface SlackRuntime {
  app: App;
  start(): Promise<number>;
  stop(): Promise<void>;
}

/** What the app serves besides its own: listeners to register and HTTP routes (boot.ts gives the features'). */
export interface Plugins {
  register(app: App): void;
  routes: Route[];
}

export function createSlackRuntime(deps: Deps, identity: BotIdentity, health: Health, plugins: Plugins): SlackRuntime {
  const { config, log, metrics } = deps;
  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  const receiver = socketMode
    ? undefined
    : new HTTPReceiver({
        signingSecret: config.SLACK_SIGNING_SECRET ?? "",
        // The front door has checked the signature and the replay window of every request it
        // hands over; checking again here would only repeat the HMAC.
        signatureVerification: false,
        endpoints: "/slack/events",
        logger: boltLogger(log),
        // A listener that throws is our bug, not the request's: log it and answer 200 (Bolt's
        // default answers 500, and Slack then shows the user an error for work that may be done).
        processEventErrorHandler: async ({ error, response }) => {
          log.error({ err: error }, "a Slack listener failed");
          if (!response.headersSent) response.writeHead(200).end();
          return false;
        },
      });
  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    ...(socketMode ? { socketMode: true, appToken: config.SLACK_APP_TOKEN } : { receiver }),
    // The identity comes from our own auth.test at start, so Bolt needn't call it per request.
    botId: identity.botId,
    botUserId: identity.botUserId,
    tokenVerificationEnabled: false,
    convoStore: false, // unused (state is in the database); its lookup throws an Error per request
    clientOptions: { slackApiUrl: config.SLACK_API_URL },
    logger: boltLogger(log),
  });
  app.use(async ({ body, next }) => {
    const b = body as { type?: string; command?: string };
    metrics.requests.inc({ type: b.command ? "command" : (b.type ?? "unknown") });
    await next();
  });
  app.use(dedupeRequests(deps));
  app.use(refuseLongCommands(deps));
  app.use(actingPerson(deps));
  routeListeners(app, log);
  app.error(async (e) => {
    log.error({ err: e }, "unhandled error in a Slack listener");
  });
  registerRollupActions(app, deps);
  plugins.register(app);

  const routes: Route[] = [...opsRoutes(deps, health), ...plugins.routes];
  let server: Server | undefined;
  return {
    app,
    async start() {
      server = createFrontDoor({
        routes,
        log,
        slack: receiver
          ? {
              path: "/slack/events",
              signingSecret: config.SLACK_SIGNING_SECRET ?? "",
              listener: receiver.requestListener,
              onAnswered: (s) => metrics.ackSeconds.observe(s),
            }
          : undefined,
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

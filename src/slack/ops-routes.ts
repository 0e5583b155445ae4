// /healthz and /metrics, served on PORT in both HTTP and Socket Mode. /metrics can be closed
// to all but a scraper that sends METRICS_TOKEN as a bearer token.
import type { Deps } from "../deps.ts";
import { pingDb } from "../infra/db/db.ts";
import { sendJson } from "../infra/http-body.ts";
import { bearerOk } from "../infra/webhook.ts";
import type { Route } from "./front-door.ts";

export interface Health {
  slackAuth: "ok" | "unverified";
}

export function opsRoutes(deps: Deps, health: Health): Route[] {
  return [
    {
      method: "GET",
      path: "/healthz",
      async handle(_req, res) {
        const db = await pingDb(deps.sql);
        sendJson(res, db ? 200 : 503, {
          status: db ? "ok" : "unhealthy",
          database: db ? "ok" : "unreachable",
          slackAuth: health.slackAuth,
        });
      },
    },
    {
      method: "GET",
      path: "/metrics",
      async handle(req, res) {
        const token = deps.config.METRICS_TOKEN;
        if (token && !bearerOk(token, req.headers.authorization)) {
          res.writeHead(401, { "www-authenticate": "Bearer" }).end();
          return;
        }
        const groups = await deps.db.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
        deps.metrics.outboxDepth.reset();
        for (const g of groups) deps.metrics.outboxDepth.set({ status: g.status }, g._count._all);
        res.writeHead(200, { "content-type": deps.metrics.registry.contentType });
        res.end(await deps.metrics.registry.metrics());
      },
    },
  ];
}

// /healthz and /metrics, served on PORT in both HTTP and Socket Mode.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Deps } from "../deps.ts";
import { pingDb } from "../infra/db.ts";

export interface Health {
  slackAuth: "ok" | "unverified";
}

export function opsHandler(deps: Deps, health: Health) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "GET" || (path !== "/healthz" && path !== "/metrics")) return false;
    if (path === "/healthz") {
      const db = await pingDb(deps.db);
      const ok = db;
      res.writeHead(ok ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: ok ? "ok" : "unhealthy", database: db ? "ok" : "unreachable", slackAuth: health.slackAuth }));
      return true;
    }
    const groups = await deps.db.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
    deps.metrics.outboxDepth.reset();
    for (const g of groups) deps.metrics.outboxDepth.set({ status: g.status }, g._count._all);
    res.writeHead(200, { "content-type": deps.metrics.registry.contentType });
    res.end(await deps.metrics.registry.metrics());
    return true;
  };
}

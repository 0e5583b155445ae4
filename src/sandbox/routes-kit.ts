// What the sandbox's routes share: the hooks start.ts gives them, the manifest (the commands and
// shortcuts the page offers), and the JSON API's door: a JSON object from a person the workspace has.
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { parse } from "yaml";
import type { ShiftedClock } from "../infra/clock.ts";
import { readBodyCapped, sendJson } from "../infra/http-body.ts";
import { fromRoot } from "../infra/paths.ts";
import type { Route } from "../slack/front-door.ts";
import type { SlackDriver } from "./standin/driver.ts";
import type { SlackStandIn } from "./standin/standin.ts";
import type { Message } from "./standin/workspace.ts";

import type { StormState } from "./storm.ts";

export interface SandboxHooks {
  standin: SlackStandIn;
  driver: SlackDriver;
  clock: ShiftedClock;
  loadDemo(): Promise<void>;
  demoState(): "none" | "loading" | "ready";
  /** The demo shop's hourly rows up to now (after the clock moves). */
  feed?(): Promise<void>;
  /** A customer's review, sent through the bot's real reviews webhook (the page's /review). */
  postReview?(r: {
    sku: string;
    rating: number;
    text: string;
  }): Promise<{ status: number; body: Record<string, unknown> }>;
  /** The storm demo: many urgent cases opened, then their clocks run out together. */
  storm?(): Promise<void>;
  stormState?(): StormState;
}

export interface Manifest {
  features: {
    slash_commands: { command: string; description: string; usage_hint?: string }[];
    shortcuts: { name: string; callback_id: string; type: string }[];
  };
}

export const FILES: Record<string, { path: string; type: string }> = {
  "/": { path: "dist/sandbox/index.html", type: "text/html; charset=utf-8" },
  "/sandbox/app.js": { path: "dist/sandbox/app.js", type: "text/javascript; charset=utf-8" },
  "/sandbox/app.css": { path: "dist/sandbox/app.css", type: "text/css; charset=utf-8" },
};

async function json<T>(req: IncomingMessage): Promise<T | undefined> {
  try {
    const v = JSON.parse((await readBodyCapped(req, 1024 * 1024)).toString("utf8") || "{}") as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as T) : undefined;
  } catch {
    return undefined;
  }
}

export interface SandboxCtx {
  h: SandboxHooks;
  ws: SlackStandIn["ws"];
  /** The driver exists once the bot listens (it needs the bot's port): read at each request. */
  driver: { readonly it: SlackDriver };
  manifest: Manifest;
  api: (
    path: string,
    handle: (body: Record<string, unknown> & { as: string }, res: ServerResponse) => Promise<void>,
  ) => Route;
  message: (channel: string, ts: string) => Message | undefined;
}

export const ok = (res: ServerResponse) => sendJson(res, 200, { ok: true });

export function sandboxCtx(h: SandboxHooks): SandboxCtx {
  const ws = h.standin.ws;
  const api: SandboxCtx["api"] = (path, handle) => ({
    method: "POST",
    path,
    async handle(req, res) {
      const body = await json<Record<string, unknown> & { as: string }>(req);
      if (!body) return sendJson(res, 400, { error: "send a JSON object" });
      if (!ws.people.has(String(body.as))) return sendJson(res, 400, { error: "unknown person", field: "as" });
      await handle(body, res);
    },
  });
  return {
    h,
    ws,
    driver: {
      get it() {
        return h.driver;
      },
    },
    manifest: parse(readFileSync(fromRoot("manifest.yml"), "utf8")) as Manifest,
    api,
    message: (channel, ts) => ws.messages.find((m) => m.channel === channel && m.ts === ts),
  };
}

// The sandbox's page and its JSON API, served by the bot's own front door (only in sandbox
// mode). The page acts as a person would in Slack; each act goes to the bot as Slack would send
// it (driver.ts), and the page hears every change live over server-sent events.
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
import { runWorkflow } from "./standin/workflow-runner.ts";
import { INTAKE_WORKFLOW, intakeForm } from "./demo-workflow.ts";

import type { StormState } from "./storm.ts";

export interface SandboxHooks {
  standin: SlackStandIn;
  driver: SlackDriver;
  clock: ShiftedClock;
  loadDemo(): Promise<void>;
  demoState(): "none" | "loading" | "ready";
  /** The demo shop's hourly rows up to now (after the clock moves). */
  feed?(): Promise<void>;
  /** The storm demo: many urgent cases opened, then their clocks run out together. */
  storm?(): Promise<void>;
  stormState?(): StormState;
}

interface Manifest {
  features: {
    slash_commands: { command: string; description: string; usage_hint?: string }[];
    shortcuts: { name: string; callback_id: string; type: string }[];
  };
}

const FILES: Record<string, { path: string; type: string }> = {
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

export function sandboxRoutes(h: SandboxHooks): Route[] {
  const { standin, clock } = h;
  // The driver exists once the bot listens (it needs the bot's port): look it up at each request.
  const driver = {
    get it() {
      return h.driver;
    },
  };
  const ws = standin.ws;
  const manifest = parse(readFileSync(fromRoot("manifest.yml"), "utf8")) as Manifest;
  const clients = new Set<ServerResponse>();
  let pending = false;
  ws.on("change", () => {
    // Many changes land together (a card, its thread, a DM): tell the page once.
    if (pending) return;
    pending = true;
    setTimeout(() => {
      pending = false;
      for (const c of clients) c.write(`data: change\n\n`);
    }, 15);
  });
  const visible = (as: string) => (m: Message) => !m.ephemeralFor || m.ephemeralFor === as;
  const message = (channel: string, ts: string) => ws.messages.find((m) => m.channel === channel && m.ts === ts);
  const ok = (res: ServerResponse) => sendJson(res, 200, { ok: true });

  const api = (
    path: string,
    handle: (body: Record<string, unknown> & { as: string }, res: ServerResponse) => Promise<void>,
  ): Route => ({
    method: "POST",
    path,
    async handle(req, res) {
      const body = await json<Record<string, unknown> & { as: string }>(req);
      if (!body) return sendJson(res, 400, { error: "send a JSON object" });
      if (!ws.people.has(String(body.as))) return sendJson(res, 400, { error: "unknown person", field: "as" });
      await handle(body, res);
    },
  });

  // Workflow Builder's part: the demo workflow runs in the background (its wait step lasts until
  // the case closes); a step that fails stops it, and Slack would tell the person who ran it.
  const startWorkflow = (as: string, channel: string, text: string, res: ServerResponse) => {
    const form = intakeForm(text, channel);
    if (typeof form === "string") return sendJson(res, 400, { error: form, field: "text" });
    void runWorkflow(driver.it, ws, INTAKE_WORKFLOW, as, form).then(
      (r) =>
        r.ok ||
        ws.post({
          channel: ws.dmOf(as).id,
          text: `⚠️ Workflow “${INTAKE_WORKFLOW.title}” stopped at step ${r.step}: ${r.error}`,
        }),
      (e: unknown) =>
        ws.post({
          channel: ws.dmOf(as).id,
          text: `⚠️ Workflow “${INTAKE_WORKFLOW.title}” could not run: ${String(e)}`,
        }),
    );
    ok(res);
  };

  const files: Route[] = Object.entries(FILES).map(([path, f]) => ({
    method: "GET",
    path,
    async handle(_req, res) {
      res.writeHead(200, { "content-type": f.type, "cache-control": "no-cache" }).end(readFileSync(fromRoot(f.path)));
    },
  }));

  return [
    ...files,
    {
      method: "GET",
      path: "/sandbox/api/state",
      async handle(req, res) {
        const as = new URL(req.url ?? "/", "http://x").searchParams.get("as") ?? "";
        const person = ws.people.get(as) ?? [...ws.people.values()][0]!;
        sendJson(res, 200, {
          me: person.id,
          people: [...ws.people.values()],
          channels: [...ws.channels.values()].filter((c) => !c.dmWith),
          messages: ws.messages.filter(visible(person.id)),
          views: ws.stackOf(person.id),
          home: ws.homes.get(person.id) ?? null,
          clock: { now: clock.now().toISOString(), offsetMs: clock.offsetMs },
          commands: [
            ...manifest.features.slash_commands.map((c) => ({
              command: c.command,
              hint: c.usage_hint ?? "",
              description: c.description,
            })),
            {
              command: "/workflow",
              hint: "intake TM-1001 王小姐 杯子碎了",
              description:
                "Sandbox only: run the demo Workflow Builder workflow (Open complaint case → message → Wait for resolution → message)",
            },
          ],
          shortcuts: manifest.features.shortcuts
            .filter((s) => s.type === "message")
            .map((s) => ({ name: s.name, callbackId: s.callback_id })),
          demo: h.demoState(),
          storm: h.stormState?.() ?? null,
        });
      },
    },
    {
      method: "GET",
      path: "/sandbox/events",
      async handle(req, res) {
        res.writeHead(200, {
          "content-type": "text/event-stream",
          "cache-control": "no-cache",
          connection: "keep-alive",
        });
        res.write(`data: hello\n\n`);
        clients.add(res);
        const ping = setInterval(() => res.write(`: ping\n\n`), 15_000);
        req.on("close", () => {
          clearInterval(ping);
          clients.delete(res);
        });
      },
    },
    {
      method: "GET",
      path: "/sandbox/file",
      async handle(req, res) {
        const id = new URL(req.url ?? "/", "http://x").searchParams.get("id") ?? "";
        const f = ws.files.get(id);
        if (!f) return sendJson(res, 404, { error: "not_found" });
        res.writeHead(200, { "content-type": f.mimetype }).end(f.bytes);
      },
    },
    api("/sandbox/api/command", async (b, res) => {
      const text = String(b.text ?? "").trim();
      const m = /^(\/[\w-]+)\s*([\s\S]*)$/.exec(text);
      if (!m) return sendJson(res, 400, { error: "write a slash command, like /shopops help", field: "text" });
      if (m[1] === "/workflow") return startWorkflow(b.as, String(b.channel), m[2]!, res);
      if (!manifest.features.slash_commands.some((c) => c.command === m[1]))
        return sendJson(res, 400, { error: `${m[1]} is not a command of this app`, field: "text" });
      await driver.it.command(b.as, String(b.channel), m[1]!, m[2]!);
      ok(res);
    }),
    api("/sandbox/api/message", async (b, res) => {
      driver.it.say(b.as, String(b.channel), String(b.text ?? ""), b.threadTs ? String(b.threadTs) : undefined);
      ok(res);
    }),
    api("/sandbox/api/action", async (b, res) => {
      if (typeof b.action !== "object" || !b.action)
        return sendJson(res, 400, { error: "say which action", field: "action" });
      if (b.viewId) {
        const v = ws.stackOf(b.as).find((x) => x.id === b.viewId);
        if (!v) return sendJson(res, 404, { error: "that form is closed" });
        await driver.it.viewAction(
          b.as,
          v,
          b.action as Record<string, unknown>,
          (b.values ?? {}) as Record<string, unknown>,
        );
      } else if (b.home) await driver.it.homeAction(b.as, b.action as Record<string, unknown>);
      else {
        const m = message(String(b.channel), String(b.ts));
        if (!m) return sendJson(res, 404, { error: "no such message" });
        await driver.it.messageAction(b.as, m, b.action as Record<string, unknown>);
      }
      ok(res);
    }),
    api("/sandbox/api/shortcut", async (b, res) => {
      const m = message(String(b.channel), String(b.ts));
      if (!m) return sendJson(res, 404, { error: "no such message" });
      await driver.it.messageShortcut(b.as, String(b.callbackId), m);
      ok(res);
    }),
    api("/sandbox/api/view/submit", async (b, res) => {
      const v = ws.stackOf(b.as).find((x) => x.id === b.viewId);
      if (!v) return sendJson(res, 404, { error: "that form is closed" });
      sendJson(res, 200, {
        ok: true,
        ...(await driver.it.submitView(b.as, v, (b.values ?? {}) as Record<string, unknown>)),
      });
    }),
    api("/sandbox/api/view/close", async (b, res) => {
      const v = ws.stackOf(b.as).find((x) => x.id === b.viewId);
      if (v) await driver.it.closeView(b.as, v);
      ok(res);
    }),
    api("/sandbox/api/home", async (b, res) => {
      await driver.it.openHome(b.as);
      ok(res);
    }),
    api("/sandbox/api/clock", async (b, res) => {
      if (b.reset) clock.reset();
      else if (typeof b.shiftMs === "number" && b.shiftMs > 0) clock.shift(b.shiftMs);
      else if (typeof b.to === "string") {
        const to = new Date(b.to).getTime();
        if (!Number.isFinite(to))
          return sendJson(res, 400, { error: "a date and time, like 2026-11-11T09:00", field: "to" });
        if (to < clock.now().getTime())
          return sendJson(res, 400, { error: "the clock only moves forward (or back to now)", field: "to" });
        clock.shift(to - clock.now().getTime());
      } else return sendJson(res, 400, { error: "say shiftMs, to or reset", field: "shiftMs" });
      ws.emit("change", { type: "clock" });
      // The hours that ended meanwhile reach the bot as the shop's data feed would send them.
      await h.feed?.().catch(() => {});
      sendJson(res, 200, { ok: true, now: clock.now().toISOString(), offsetMs: clock.offsetMs });
    }),
    api("/sandbox/api/storm", async (b, res) => {
      if (h.demoState() !== "ready") return sendJson(res, 409, { error: "load the demo data first" });
      if (h.stormState?.().running) return sendJson(res, 200, { ok: true, storm: h.stormState() });
      const cases = b.cases === undefined ? 300 : Number(b.cases);
      if (!Number.isInteger(cases) || cases < 1 || cases > 1000)
        return sendJson(res, 400, { error: "cases: a whole number from 1 to 1000", field: "cases" });
      h.stormState!().total = cases;
      void h.storm?.();
      sendJson(res, 200, { ok: true, storm: h.stormState?.() });
    }),
    api("/sandbox/api/demo", async (_b, res) => {
      if (h.demoState() !== "none") return sendJson(res, 200, { ok: true, demo: h.demoState() });
      void h.loadDemo();
      sendJson(res, 200, { ok: true, demo: "loading" });
    }),
  ];
}

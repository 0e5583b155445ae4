// The page itself, the workspace as the acting person sees it, its files, and the live feed of
// changes (server-sent events).
import type { ServerResponse } from "node:http";
import type { Route } from "../slack/front-door.ts";
import { sendJson } from "../infra/http-body.ts";
import { readFileSync } from "node:fs";
import { fromRoot } from "../infra/paths.ts";
import type { Message } from "./standin/workspace.ts";
import { FILES, type SandboxCtx } from "./routes-kit.ts";

/** The pages listening for changes; many changes that land together (a card, its thread, a DM) are told once. */
function liveClients(ws: SandboxCtx["ws"]): Set<ServerResponse> {
  const clients = new Set<ServerResponse>();
  let pending = false;
  ws.on("change", () => {
    if (pending) return;
    pending = true;
    setTimeout(() => {
      pending = false;
      for (const c of clients) c.write(`data: change\n\n`);
    }, 15);
  });
  return clients;
}

/** Commands only the sandbox has, listed with the app's own in the composer's hints. */
const SANDBOX_COMMANDS = [
  {
    command: "/review",
    hint: "2 MUG-300 杯口掉漆了",
    description:
      "Sandbox only: a customer's review (stars, SKU, text) through the bot's reviews webhook, to try a keyword",
  },
  {
    command: "/workflow",
    hint: "intake TM-1001 王小姐 杯子碎了",
    description:
      "Sandbox only: run the demo Workflow Builder workflow (Open complaint case → message → Wait for resolution → message)",
  },
];

export function pageRoutes(c: SandboxCtx): Route[] {
  const { h, ws, manifest } = c;
  const clock = h.clock;
  const clients = liveClients(ws);
  const visible = (as: string) => (m: Message) => !m.ephemeralFor || m.ephemeralFor === as;
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
          canvases: [...ws.canvases.values()],
          lists: [...ws.lists.values()],
          clock: { now: clock.now().toISOString(), offsetMs: clock.offsetMs },
          commands: [
            ...manifest.features.slash_commands.map((c) => ({
              command: c.command,
              hint: c.usage_hint ?? "",
              description: c.description,
            })),
            ...SANDBOX_COMMANDS,
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
  ];
}

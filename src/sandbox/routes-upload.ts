// A file shared to a channel, as a person does by dragging it into Slack: the page sends the
// bytes (a platform's export, a CSV) and the message appears with the file on it, ready for ⋯ →
// Import metrics / Import reviews. Capped at 20 MB, the Import shortcut's own limit.
import { randomBytes } from "node:crypto";
import { readBodyCapped, sendJson } from "../infra/http-body.ts";
import type { Route } from "../slack/front-door.ts";
import type { SandboxCtx } from "./routes-kit.ts";

const MAX = 20 * 1024 * 1024;

const MIME: Record<string, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  xls: "application/vnd.ms-excel",
  csv: "text/csv",
  json: "application/json",
};

export function uploadRoute({ ws }: SandboxCtx): Route {
  return {
    method: "POST",
    path: "/sandbox/api/upload",
    async handle(req, res) {
      const q = new URL(req.url ?? "/", "http://x").searchParams;
      const as = q.get("as") ?? "";
      const channel = q.get("channel") ?? "";
      const name = (q.get("name") ?? "").replace(/[/\\]/g, "_").slice(0, 200);
      if (!ws.people.has(as)) return sendJson(res, 400, { error: "unknown person", field: "as" });
      if (!ws.channels.has(channel) && !/^D/.test(channel))
        return sendJson(res, 400, { error: "no such channel", field: "channel" });
      if (!name) return sendJson(res, 400, { error: "the file needs a name", field: "name" });
      let bytes: Buffer;
      try {
        bytes = await readBodyCapped(req, MAX);
      } catch {
        return sendJson(res, 413, { error: "files up to 20 MB here (the Import shortcut's limit)", field: "file" });
      }
      const id = `F0UP${randomBytes(5).toString("hex").toUpperCase()}`;
      const mimetype = MIME[name.split(".").pop()?.toLowerCase() ?? ""] ?? "application/octet-stream";
      ws.files.set(id, { id, name, title: name, mimetype, bytes });
      ws.post({ channel, user: as, text: q.get("text") ?? "", files: [{ id, name, title: name, mimetype }] });
      sendJson(res, 200, { ok: true, file: id });
    },
  };
}

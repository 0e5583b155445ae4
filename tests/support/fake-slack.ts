// A loopback stand-in for Slack's Web API and response_url endpoints. It records every call and
// answers the way Slack does: ok:true with ts/channel, ok:false errors, and HTTP 429 + Retry-After.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
}

export type Scripted =
  | { ok: true; [k: string]: unknown }
  | { error: string }
  | { status: 429; retryAfter: number }
  | { status: number };

export interface FakeUser {
  locale?: string;
  tz?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
}

export class FakeSlack {
  calls: RecordedCall[] = [];
  responses: { id: string; body: Record<string, unknown>; at: number }[] = [];
  uploads = new Map<string, Buffer>();
  /** Files users shared, served at /files/<id> to requests bearing a bot token. */
  shared = new Map<string, Buffer>();
  /** Names of shared files, as files.info reports them (default "<id>.csv"). */
  sharedNames = new Map<string, string>();

  fileUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/files/${id}`;
  }
  users = new Map<string, FakeUser>();
  /** The clock calls are dated by (a test's injected clock); real time by default. */
  clock: { now(): Date } = { now: () => new Date() };
  private outages = new Map<string, { untilMs: number; status: number }>();

  /** Every call of `method` answers HTTP `status` until the clock reaches `untilMs`. */
  outage(method: string, untilMs: number, status = 500): void {
    this.outages.set(method, { untilMs, status });
  }
  groups = new Map<string, string[]>();
  private scripts = new Map<string, Scripted[]>();
  private server: Server | undefined;
  private tsCounter = 1_700_000_000;
  port = 0;

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id = Math.random().toString(36).slice(2)): string {
    return `http://127.0.0.1:${this.port}/respond/${id}`;
  }

  /** The next calls of `method` answer these, in order; afterwards the default answer. */
  script(method: string, ...answers: Scripted[]): void {
    this.scripts.set(method, [...(this.scripts.get(method) ?? []), ...answers]);
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const url = req.url ?? "";
      if (url === "/__calls") {
        // For benchmarks in another process: everything recorded so far.
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ calls: this.calls, responses: this.responses.length }));
        return;
      }
      if (url.startsWith("/files/")) {
        const file = this.shared.get(url.slice("/files/".length).split("?")[0]!);
        if (!/^Bearer xoxb-/.test(String(req.headers.authorization ?? ""))) return void res.writeHead(403).end();
        if (!file) return void res.writeHead(404).end();
        res.writeHead(200, { "content-type": "application/octet-stream" }).end(file);
        return;
      }
      if (url.startsWith("/upload/")) {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        this.uploads.set(url.slice("/upload/".length), Buffer.concat(chunks));
        res.writeHead(200).end("OK");
        return;
      }
      const raw = await readBody(req);
      if (url.startsWith("/respond/")) {
        this.responses.push({ id: url.slice("/respond/".length), body: JSON.parse(raw || "{}"), at: this.clock.now().getTime() });
        res.writeHead(200, { "content-type": "text/plain" }).end("ok");
        return;
      }
      const method = url.replace(/^\/api\//, "").split("?")[0]!;
      const args = parseArgs(req.headers["content-type"] ?? "", raw);
      const at = this.clock.now().getTime();
      this.calls.push({ method, args, at });
      const out = this.outages.get(method);
      const scripted = out && at < out.untilMs ? { status: out.status } : this.scripts.get(method)?.shift();
      if (scripted && "status" in scripted && typeof scripted.status === "number") {
        const status = scripted.status;
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (status === 429) headers["retry-after"] = String((scripted as unknown as { retryAfter: number }).retryAfter);
        res.writeHead(status, headers).end(JSON.stringify({ ok: false, error: status === 429 ? "ratelimited" : "internal_error" }));
        return;
      }
      const body = scripted ? ("error" in scripted ? { ok: false, error: scripted.error } : scripted) : this.answer(method, args);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", () => r()));
    this.port = (this.server!.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()));
    this.server?.closeAllConnections();
  }

  private nextTs(): string {
    return `${this.tsCounter++}.000100`;
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return { ok: true, url: "https://acme.slack.com/", team: "Acme", user: "shopops", team_id: "T1", user_id: "UBOT", bot_id: "BBOT" };
      case "chat.postMessage": {
        const channel = String(args.channel);
        // Posting to a user id opens the DM; Slack answers with the DM's channel id.
        const ch = channel.startsWith("U") ? `D${channel.slice(1)}` : channel;
        return { ok: true, channel: ch, ts: this.nextTs(), message: { text: args.text } };
      }
      case "chat.update":
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case "chat.postEphemeral":
        return { ok: true, message_ts: this.nextTs() };
      case "users.info": {
        const u = this.users.get(String(args.user));
        if (!u) return { ok: false, error: "user_not_found" };
        return { ok: true, user: { id: args.user, locale: u.locale ?? "en-US", tz: u.tz ?? "Asia/Shanghai", is_admin: Boolean(u.isAdmin), is_owner: Boolean(u.isOwner) } };
      }
      case "views.open":
      case "views.push":
      case "views.update":
        return { ok: true, view: { id: `V${this.tsCounter++}`, ...(args.view as object) } };
      case "files.getUploadURLExternal": {
        const id = `F${this.tsCounter++}`;
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id };
      }
      case "files.completeUploadExternal": {
        const files = (typeof args.files === "string" ? JSON.parse(args.files) : args.files) as { id: string; title: string }[];
        if (files.some((f) => !this.uploads.has(f.id))) return { ok: false, error: "file_not_found" };
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
      }
      case "files.info": {
        const id = String(args.file);
        const bytes = this.shared.get(id);
        if (!bytes) return { ok: false, error: "file_not_found" };
        const name = this.sharedNames.get(id) ?? `${id}.csv`;
        return { ok: true, file: { id, name, size: bytes.length, url_private: this.fileUrl(id), url_private_download: `${this.fileUrl(id)}?download=1` } };
      }
      case "usergroups.users.list":
        return { ok: true, users: this.groups.get(String(args.usergroup)) ?? [] };
      case "conversations.open":
        return { ok: true, channel: { id: `D${String(args.users).slice(1)}` } };
      case "chat.getPermalink":
        return { ok: true, permalink: `https://acme.slack.com/archives/${args.channel}/p${String(args.message_ts).replace(".", "")}` };
      default:
        return { ok: true };
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

function parseArgs(contentType: string, raw: string): Record<string, unknown> {
  if (contentType.includes("json")) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    // The SDK form-encodes nested values (blocks, view) as JSON strings.
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

// A stand-in for Slack: the Web API, response_urls, file uploads and downloads, over HTTP, with a
// workspace it keeps (workspace.ts) and Slack's limits (limits.ts). The sandbox serves it to the
// bot it runs; the end-to-end tests and benchmarks run their bots against the same one, and read
// what the bot asked of Slack (calls), script Slack's failures (script, outage) and see the
// answers posted to response_urls (responses).
import { invalidTables } from "./tables.ts";
import { wallClock, type WallClock } from "./wall-clock.ts";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ChannelRate, issueTrigger, MethodRate, ResponseUrls, Triggers } from "./limits.ts";
import { answer } from "./web-api.ts";
import type { ApiContext } from "./web-api-kit.ts";
import { Workspace, type Person } from "./workspace.ts";
import { knowShared, parseArgs, readBody, writeRecorded, writeScripted, type Scripted } from "./http-args.ts";

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
}

export type FakeUser = Partial<Person>;

export interface StandInOptions {
  /** A channel must exist to be posted in (the sandbox); tests let any well-formed id exist. */
  strictChannels?: boolean;
  /** Burst allowance of chat.postMessage per channel before 429s (one a second after it); no
   *  limit when unset, so that a test's frozen clock never waits on a refill it cannot reach. */
  channelBurst?: number;
  /** Workspace-wide cap of chat.postMessage a minute (Slack doesn't publish it); none when unset. */
  postsPerMinute?: number;
  /** chat.update a minute for the workspace (Slack's Tier 3: 50); none when unset. */
  editsPerMinute?: number;
  /** How long a trigger_id opens a view: Slack's 3 s unless a test on a busy machine needs more. */
  triggerTtlMs?: number;
  /** Serve under this path (when mounted in another server); "" when standalone. */
  prefix?: string;
}

export class SlackStandIn {
  readonly ws: Workspace;
  calls: RecordedCall[] = [];
  responses: { id: string; body: Record<string, unknown>; at: number }[] = [];
  /** Every 429 answered, by method and channel. */
  rateLimited: { method: string; channel?: string; at: number }[] = [];
  /** Bytes sent to upload URLs, by file id. */
  uploads = new Map<string, Buffer>();
  /** Files people shared (as tests set them up), by id. */
  shared = new Map<string, Buffer>();
  sharedNames = new Map<string, string>();
  cutShort = new Set<string>(); // files whose download stops part-way, the connection dropped
  /** The clock calls are dated by (a test's injected clock); real time by default. */
  clock: { now(): Date } = { now: () => new Date(wallClock()) };
  /** Real time, for trigger_id expiry and signed-request timestamps (see wall-clock.ts). */
  wall: WallClock = wallClock;
  /** Who acted, by the trigger ids the stand-in issued (its views then belong to them). */
  readonly triggerUsers = new Map<string, string>();
  /** Where each response_url posts to: the channel and person of the request that gave it. */
  readonly responseTargets = new Map<string, { channel: string; user: string; ts?: string }>();
  port = 0;
  private server: Server | undefined;
  private scripts = new Map<string, Scripted[]>();
  private outages = new Map<string, { untilMs: number; status: number }>();
  private triggers: Triggers;
  private responseUrls = new ResponseUrls();
  private rate: ChannelRate | undefined;
  private methods = new Map<string, MethodRate>();
  private pendingNames = new Map<string, string>();
  private origin = "";
  readonly prefix: string;

  constructor(o: StandInOptions = {}) {
    this.ws = new Workspace(o.strictChannels ?? false, () => this.clock.now().getTime());
    this.rate = o.channelBurst === undefined ? undefined : new ChannelRate(o.channelBurst);
    if (o.postsPerMinute) this.methods.set("chat.postMessage", new MethodRate(o.postsPerMinute));
    if (o.editsPerMinute) this.methods.set("chat.update", new MethodRate(o.editsPerMinute));
    this.triggers = new Triggers(o.triggerTtlMs);
    this.prefix = o.prefix ?? "";
  }

  get users(): Map<string, FakeUser> {
    return this.ws.people as Map<string, FakeUser>;
  }
  get groups(): Map<string, string[]> {
    return this.ws.groups;
  }
  get base(): string {
    return `${this.origin}${this.prefix}`;
  }
  get apiUrl(): string {
    return `${this.base}/api/`;
  }
  /** A response_url for a request; `to` says where its ephemeral answers appear in the workspace. */
  responseUrl(id = Math.random().toString(36).slice(2), to?: { channel: string; user: string; ts?: string }): string {
    if (to) this.responseTargets.set(id, to);
    return `${this.base}/respond/${id}`;
  }
  fileUrl(id: string): string {
    return `${this.base}/files/${id}`;
  }
  /** A trigger id as Slack issues one when a person acts; it opens one view within 3 s. */
  trigger(user?: string): string {
    const t = issueTrigger(this.wall());
    if (user) this.triggerUsers.set(t, user);
    return t;
  }

  /** The next calls of `method` answer these, in order; afterwards the default answer. */
  script(method: string, ...answers: Scripted[]): void {
    this.scripts.set(method, [...(this.scripts.get(method) ?? []), ...answers]);
  }
  /** Every call of `method` answers HTTP `status` until the clock reaches `untilMs`. */
  outage(method: string, untilMs: number, status = 500): void {
    this.outages.set(method, { untilMs, status });
  }
  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Standalone: listens on a loopback port of its own. */
  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).then((done) => {
        if (!done) res.writeHead(404).end();
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", () => r()));
    this.port = (this.server!.address() as AddressInfo).port;
    this.origin = `http://127.0.0.1:${this.port}`;
    return this;
  }

  /** Mounted: serves from another server at `origin` + prefix. */
  mount(origin: string): void {
    this.origin = origin;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    await new Promise<void>((r) => this.server!.close(() => r()));
    this.server.closeAllConnections();
  }

  /** Serves a request if it is one of the stand-in's; false otherwise. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = req.url ?? "";
    if (!url.startsWith(`${this.prefix}/`)) return false;
    const path = url.slice(this.prefix.length);
    // For benchmarks in another process: what was recorded, the 429s answered, what landed.
    if (path.startsWith("/__calls")) return (writeRecorded(res, path, this), true);
    if (path.startsWith("/files/")) return this.serveFile(req, res, path.slice("/files/".length).split("?")[0]!);
    const raw = await readBody(req);
    if (path.startsWith("/upload/")) {
      this.uploads.set(path.slice("/upload/".length), raw);
      res.writeHead(200).end("OK");
      return true;
    }
    if (path.startsWith("/respond/")) return this.respond(res, path.slice("/respond/".length), raw.toString("utf8"));
    if (path.startsWith("/api/"))
      return this.api(req, res, path.slice("/api/".length).split("?")[0]!, raw.toString("utf8"));
    return false;
  }

  private serveFile(req: IncomingMessage, res: ServerResponse, id: string): boolean {
    // Files are private in Slack: only a request with a token gets them.
    if (!/^Bearer xox[bp]-/.test(String(req.headers.authorization ?? ""))) return (void res.writeHead(403).end(), true);
    const bytes = this.shared.get(id) ?? this.ws.files.get(id)?.bytes;
    if (!bytes) return (void res.writeHead(404).end(), true);
    if (this.cutShort.has(id)) {
      res.writeHead(200, { "content-length": String(bytes.length) });
      res.write(bytes.subarray(0, bytes.length >> 1), () => res.destroy());
      return true;
    }
    res.writeHead(200, { "content-type": this.ws.files.get(id)?.mimetype ?? "application/octet-stream" }).end(bytes);
    return true;
  }

  private respond(res: ServerResponse, id: string, raw: string): boolean {
    const now = this.clock.now().getTime();
    const refused = this.responseUrls.use(id, now);
    if (refused) return (void res.writeHead(404, { "content-type": "text/plain" }).end(refused), true);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw || "{}") as Record<string, unknown>;
    } catch {
      return (void res.writeHead(400, { "content-type": "text/plain" }).end("invalid_payload"), true);
    }
    const bad = invalidTables(body.blocks, body.attachments);
    if (bad) return (void res.writeHead(400, { "content-type": "text/plain" }).end(bad), true);
    this.responses.push({ id, body, at: now });
    const to = this.responseTargets.get(id);
    if (to) this.showResponse(to, body);
    res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    return true;
  }

  /** An answer to a command or an action, as the person sees it. */
  showResponse(to: { channel: string; user: string; ts?: string }, body: Record<string, unknown>): void {
    const text = typeof body.text === "string" ? body.text : "";
    const blocks = Array.isArray(body.blocks) ? body.blocks : undefined;
    const attachments = Array.isArray(body.attachments) ? body.attachments : undefined;
    if (body.delete_original && to.ts)
      return void this.ws.update(to.channel, to.ts, { text: "", blocks: [], attachments: [] }, to.user);
    if (body.replace_original && to.ts)
      return void this.ws.update(to.channel, to.ts, { text, blocks, attachments }, to.user);
    if (!text && !blocks) return;
    this.ws.post({
      channel: to.channel,
      text,
      blocks,
      attachments,
      ...(body.response_type === "in_channel" ? {} : { ephemeralFor: to.user }),
    });
  }

  private api(req: IncomingMessage, res: ServerResponse, method: string, raw: string): boolean {
    const args = parseArgs(String(req.headers["content-type"] ?? ""), raw);
    if (
      method !== "auth.test" &&
      !/^Bearer xox[bp]-/.test(String(req.headers.authorization ?? "")) &&
      typeof args.token !== "string"
    ) {
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ ok: false, error: "not_authed" }));
      return true;
    }
    const at = this.clock.now().getTime();
    this.calls.push({ method, args, at });
    const out = this.outages.get(method);
    const scripted = out && at < out.untilMs ? ({ status: out.status } as Scripted) : this.scripts.get(method)?.shift();
    if (scripted) return (writeScripted(res, scripted), true);
    knowShared(this.ws, this.shared, this.sharedNames);
    const ctx: ApiContext = {
      ws: this.ws,
      triggers: this.triggers,
      rate: this.rate,
      methods: this.methods,
      onRateLimited: (m, channel) => this.rateLimited.push({ method: m, channel, at }),
      nowMs: () => this.clock.now().getTime(),
      wallMs: this.wall,
      base: this.base,
      uploads: this.uploads,
      pendingNames: this.pendingNames,
    };
    const a = answer(ctx, method, args, (t) => this.triggerUsers.get(t));
    res.writeHead(a.status ?? 200, { "content-type": "application/json", ...a.headers }).end(JSON.stringify(a.body));
    return true;
  }
}

// The stand-in's picture of a Slack workspace: people, channels, messages and threads, ephemeral
// messages, modals, App Home tabs and files. Every change is announced (for the sandbox page's
// live view); the Web API half (web-api.ts) reads and writes it the way Slack's methods do.
import { wallClock } from "./wall-clock.ts";
import { EventEmitter } from "node:events";
import type { Execution } from "./workflows.ts";
import type { Canvas } from "./canvases.ts";
import type { SlackList } from "./lists.ts";

export interface Person {
  id: string;
  name: string;
  realName?: string;
  locale?: string;
  tz?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  title?: string;
}

export interface Channel {
  id: string;
  name: string;
  /** A DM between the bot and this person. */
  dmWith?: string;
  isPrivate?: boolean;
}

export interface SharedFile {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  bytes: Buffer;
}

export interface Message {
  channel: string;
  ts: string;
  threadTs?: string;
  /** The person who wrote it, or undefined for the bot. */
  user?: string;
  text: string;
  blocks?: unknown[];
  /** Legacy attachments; today Slack carries a report's table block in one. */
  attachments?: unknown[];
  files?: { id: string; name: string; title: string; mimetype: string }[];
  /** Shown only to this person (chat.postEphemeral, ephemeral responses). */
  ephemeralFor?: string;
  edited?: boolean;
  metadata?: unknown;
}

export interface OpenView {
  id: string;
  userId: string;
  view: Record<string, unknown>;
  hash: string;
}

export type WorkspaceEvent =
  | { type: "message"; message: Message }
  | { type: "message_changed"; message: Message }
  | { type: "message_deleted"; channel: string; ts: string }
  | { type: "views"; userId: string; stack: OpenView[] }
  | { type: "home"; userId: string; view: Record<string, unknown> }
  | { type: "execution"; execution: Execution }
  | { type: "canvas"; canvas: Canvas }
  | { type: "list"; list: SlackList };

export class Workspace extends EventEmitter {
  readonly people = new Map<string, Person>();
  /** People who have left (users.info answers user_not_found for them, as Slack does). */
  readonly gone = new Set<string>();
  readonly channels = new Map<string, Channel>();
  readonly messages: Message[] = [];
  readonly files = new Map<string, SharedFile>();
  /** Each person's stack of open modals (Slack allows three). */
  readonly views = new Map<string, OpenView[]>();
  readonly homes = new Map<string, Record<string, unknown>>();
  readonly groups = new Map<string, string[]>();
  /** Workflow step runs, by function_execution_id. */
  readonly executions = new Map<string, Execution>();
  readonly canvases = new Map<string, Canvas>();
  readonly lists = new Map<string, SlackList>();
  /** Slack's plan: a free workspace has one canvas tab per channel and no Lists. */
  plan: "free" | "paid" = "paid";
  /** The app's granted scopes; unset: every scope manifest.yml asks for. */
  scopes: Set<string> | undefined;
  /** Messages by channel and ts: updates must not scan every message (benchmarks post 50,000). */
  private byKey = new Map<string, Message>();
  private tsCounter = 0;
  private idCounter = 0;

  constructor(
    /** Strict: a channel must exist (channel_not_found otherwise); loose: any well-formed id does. */
    readonly strictChannels = false,
    private nowMs: () => number = wallClock,
  ) {
    super();
  }

  nextTs(): string {
    // Slack's ts: seconds.microseconds, unique and growing within a channel.
    const s = Math.floor(this.nowMs() / 1000);
    this.tsCounter = (this.tsCounter + 1) % 1_000_000;
    return `${s}.${String(this.tsCounter).padStart(6, "0")}`;
  }

  nextId(prefix: string): string {
    return `${prefix}${(++this.idCounter).toString(36).toUpperCase().padStart(8, "0")}`;
  }

  emitChange(e: WorkspaceEvent): void {
    this.emit("change", e);
  }

  /** The DM channel between the bot and a person: D + the person's id, as the fake has always answered. */
  dmOf(userId: string): Channel {
    const id = `D${userId.slice(1)}`;
    let c = this.channels.get(id);
    if (!c)
      this.channels.set(
        id,
        (c = { id, name: this.people.get(userId)?.name ?? userId, dmWith: userId, isPrivate: true }),
      );
    return c;
  }

  /** Resolves a channel argument as Slack does: a user id means the DM with that user. */
  resolveChannel(arg: string): Channel | undefined {
    if (/^[UW][A-Z0-9]+$/.test(arg)) return this.dmOf(arg);
    const known = this.channels.get(arg);
    if (known) return known;
    if (this.strictChannels || !/^[CGD][A-Z0-9_-]+$/i.test(arg)) return undefined;
    const c: Channel = { id: arg, name: arg.toLowerCase() };
    this.channels.set(arg, c);
    return c;
  }

  find(channel: string, ts: string): Message | undefined {
    return this.byKey.get(`${channel}/${ts}`);
  }

  post(m: Omit<Message, "ts"> & { ts?: string }): Message {
    const msg: Message = { ...m, ts: m.ts ?? this.nextTs() };
    this.add(msg);
    this.emitChange({ type: "message", message: msg });
    return msg;
  }

  update(channel: string, ts: string, patch: Partial<Message>, ephemeralFor?: string): Message | undefined {
    // chat.update never reaches an ephemeral message; a response_url of one may (replace_original).
    const m =
      this.find(channel, ts) ??
      (ephemeralFor
        ? this.messages.find((x) => x.ephemeralFor === ephemeralFor && x.channel === channel && x.ts === ts)
        : undefined);
    if (!m) return undefined;
    Object.assign(m, patch, { edited: true });
    this.emitChange({ type: "message_changed", message: m });
    return m;
  }

  /** Adds a message as it was (a restore); post() is for new ones. */
  add(msg: Message): void {
    this.messages.push(msg);
    if (!msg.ephemeralFor) this.byKey.set(`${msg.channel}/${msg.ts}`, msg);
  }

  thread(channel: string, ts: string): Message[] {
    return this.messages.filter((m) => m.channel === channel && (m.ts === ts || m.threadTs === ts) && !m.ephemeralFor);
  }

  stackOf(userId: string): OpenView[] {
    let s = this.views.get(userId);
    if (!s) this.views.set(userId, (s = []));
    return s;
  }

  setStack(userId: string, stack: OpenView[]): void {
    this.views.set(userId, stack);
    this.emitChange({ type: "views", userId, stack });
  }

  findView(viewId: string): OpenView | undefined {
    for (const s of this.views.values()) {
      const v = s.find((x) => x.id === viewId);
      if (v) return v;
    }
    return undefined;
  }
}

/** What survives a restart of the sandbox: Slack's side of the conversation, and the clock's offset. */
export interface Saved {
  messages: Message[];
  files: { id: string; name: string; title: string; mimetype: string; base64: string }[];
  homes: [string, Record<string, unknown>][];
  clockOffsetMs: number;
}

export function saveWorkspace(ws: Workspace, clockOffsetMs: number): Saved {
  return {
    messages: ws.messages,
    files: [...ws.files.values()].map((f) => ({
      id: f.id,
      name: f.name,
      title: f.title,
      mimetype: f.mimetype,
      base64: f.bytes.toString("base64"),
    })),
    homes: [...ws.homes],
    clockOffsetMs,
  };
}

export function restoreWorkspace(ws: Workspace, s: Saved): void {
  for (const m of s.messages) ws.add(m);
  for (const f of s.files)
    ws.files.set(f.id, {
      id: f.id,
      name: f.name,
      title: f.title,
      mimetype: f.mimetype,
      bytes: Buffer.from(f.base64, "base64"),
    });
  for (const [u, v] of s.homes) ws.homes.set(u, v);
}

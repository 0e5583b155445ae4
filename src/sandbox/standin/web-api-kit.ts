// What every stand-in Web API method is given and answers with, and the small readers they share.
import type { ChannelRate, MethodRate, Triggers } from "./limits.ts";
import type { OpenView, Workspace } from "./workspace.ts";

export type Answer = { status?: number; headers?: Record<string, string>; body: Record<string, unknown> };

export interface ApiContext {
  ws: Workspace;
  triggers: Triggers;
  rate?: ChannelRate;
  /** Workspace-wide limits of single methods (chat.postMessage, chat.update). */
  methods: Map<string, MethodRate>;
  /** Called for every 429 the stand-in answers. */
  onRateLimited?: (method: string, channel: string | undefined) => void;
  nowMs: () => number;
  /** Where the stand-in serves uploads, files and response_urls. */
  base: string;
  /** Uploads waiting for files.completeUploadExternal. */
  uploads: Map<string, Buffer>;
  /** Names given at files.getUploadURLExternal. */
  pendingNames: Map<string, string>;
  /** Real time (trigger expiry), as opposed to nowMs, the injected clock. */
  wallMs: () => number;
}

export const ok = (body: Record<string, unknown> = {}): Answer => ({ body: { ok: true, ...body } });
export const fail = (error: string, extra: Record<string, unknown> = {}): Answer => ({
  body: { ok: false, error, ...extra },
});
export const str = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? undefined : String(v));
export const json = <T>(v: unknown): T | undefined => {
  if (typeof v !== "string") return v as T;
  try {
    return JSON.parse(v) as T;
  } catch {
    return undefined;
  }
};

export function viewOf(ctx: ApiContext, userId: string, view: Record<string, unknown>, id?: string): OpenView {
  return {
    id: id ?? ctx.ws.nextId("V"),
    userId,
    view,
    hash: `${ctx.nowMs()}.${Math.random().toString(36).slice(2, 10)}`,
  };
}

export function userOfTrigger(ctx: ApiContext, args: Record<string, unknown>): string {
  // The stand-in's driver tags its trigger ids with the person who acted; tests' ids carry none.
  return str(args.__user) ?? [...ctx.ws.views.keys()][0] ?? "U0SOMEONE";
}

/** A message as conversations.history/replies list it; metadata only with include_all_metadata, as Slack does. */
export function asListed(
  m: { ts: string; threadTs?: string; user?: string; text: string; blocks?: unknown[]; metadata?: unknown },
  args: Record<string, unknown>,
) {
  const withMetadata = args.include_all_metadata === true || args.include_all_metadata === "true";
  return {
    type: "message",
    ts: m.ts,
    thread_ts: m.threadTs,
    user: m.user,
    bot_id: m.user ? undefined : "BBOT",
    text: m.text,
    blocks: m.blocks,
    ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
  };
}

/** One call: the method, its arguments, and how to answer 429 or find who opened a trigger. */
export interface Call {
  ctx: ApiContext;
  method: string;
  args: Record<string, unknown>;
  limited: (waitSeconds: number) => Answer;
  triggerUser: (trigger: string) => string | undefined;
}

export type Method = (c: Call) => Answer;

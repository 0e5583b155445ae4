// The Web API methods the bot calls, answered from the stand-in's workspace the way Slack answers
// them: ok:true with what Slack returns (ts, channel, view ids, upload URLs), or ok:false with
// Slack's error names (channel_not_found, message_not_found, expired_trigger_id, …).
import type { ChannelRate, MethodRate, Triggers } from "./limits.ts";
import type { OpenView, Workspace } from "./workspace.ts";
import { outputProblems } from "./workflows.ts";

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

const ok = (body: Record<string, unknown> = {}): Answer => ({ body: { ok: true, ...body } });
const fail = (error: string, extra: Record<string, unknown> = {}): Answer => ({ body: { ok: false, error, ...extra } });
const str = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? undefined : String(v));
const json = <T>(v: unknown): T | undefined => {
  if (typeof v !== "string") return v as T;
  try {
    return JSON.parse(v) as T;
  } catch {
    return undefined;
  }
};

function viewOf(ctx: ApiContext, userId: string, view: Record<string, unknown>, id?: string): OpenView {
  return {
    id: id ?? ctx.ws.nextId("V"),
    userId,
    view,
    hash: `${ctx.nowMs()}.${Math.random().toString(36).slice(2, 10)}`,
  };
}

function userOfTrigger(ctx: ApiContext, args: Record<string, unknown>): string {
  // The stand-in's driver tags its trigger ids with the person who acted; tests' ids carry none.
  return str(args.__user) ?? [...ctx.ws.views.keys()][0] ?? "U0SOMEONE";
}

/** A message as conversations.history/replies list it; metadata only with include_all_metadata, as Slack does. */
function asListed(
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

export function answer(
  ctx: ApiContext,
  method: string,
  args: Record<string, unknown>,
  triggerUser: (trigger: string) => string | undefined,
): Answer {
  const { ws } = ctx;
  const limited = (wait: number): Answer => {
    ctx.onRateLimited?.(method, str(args.channel));
    return { status: 429, headers: { "retry-after": String(wait) }, body: { ok: false, error: "ratelimited" } };
  };
  const overBudget = ctx.methods.get(method)?.take(ctx.nowMs()) ?? 0;
  if (overBudget > 0) return limited(overBudget);
  switch (method) {
    case "auth.test":
      return ok({
        url: "https://acme.slack.com/",
        team: "Acme",
        user: "shopops",
        team_id: "T1",
        user_id: "UBOT",
        bot_id: "BBOT",
      });
    case "chat.postMessage": {
      const ch = ws.resolveChannel(str(args.channel) ?? "");
      if (!ch) return fail("channel_not_found");
      const wait = ctx.rate?.take(ch.id, ctx.nowMs()) ?? 0;
      if (wait > 0) return limited(wait);
      const blocks = json<unknown[]>(args.blocks);
      const m = ws.post({
        channel: ch.id,
        text: str(args.text) ?? "",
        blocks,
        threadTs: str(args.thread_ts),
        metadata: json(args.metadata),
      });
      return ok({
        channel: ch.id,
        ts: m.ts,
        message: { text: m.text, ts: m.ts, bot_id: "BBOT", ...(blocks ? { blocks } : {}) },
      });
    }
    case "chat.update": {
      const ch = ws.resolveChannel(str(args.channel) ?? "");
      if (!ch) return fail("channel_not_found");
      const ts = str(args.ts) ?? "";
      const m = ws.update(ch.id, ts, { text: str(args.text) ?? "", blocks: json<unknown[]>(args.blocks) });
      if (!m && ws.strictChannels) return fail("message_not_found");
      return ok({ channel: ch.id, ts, text: str(args.text) });
    }
    case "chat.postEphemeral": {
      const ch = ws.resolveChannel(str(args.channel) ?? "");
      if (!ch) return fail("channel_not_found");
      const user = str(args.user) ?? "";
      if (!ws.people.has(user) && ws.strictChannels) return fail("user_not_in_channel");
      const m = ws.post({
        channel: ch.id,
        text: str(args.text) ?? "",
        blocks: json<unknown[]>(args.blocks),
        threadTs: str(args.thread_ts),
        ephemeralFor: user,
      });
      return ok({ message_ts: m.ts });
    }
    case "chat.getPermalink": {
      const channel = str(args.channel) ?? "";
      return ok({
        channel,
        permalink: `https://acme.slack.com/archives/${channel}/p${String(args.message_ts).replace(".", "")}`,
      });
    }
    case "users.info": {
      const id = str(args.user) ?? "";
      // Tests let any well-formed id be a person (with no language or zone of their own), as they
      // let any channel exist; a person who left, or anyone unknown in the sandbox, is not found.
      const u = ws.people.get(id);
      if (ws.gone.has(id)) return fail("user_not_found");
      if (!u && !ws.strictChannels && /^[UW][A-Z0-9]+$/.test(id))
        return ok({ user: { id, name: id.toLowerCase(), real_name: id } });
      if (!u) return fail("user_not_found");
      return ok({
        user: {
          id,
          name: u.name ?? id.toLowerCase(),
          real_name: u.realName ?? u.name ?? id,
          locale: u.locale ?? "en-US",
          tz: u.tz ?? "Asia/Shanghai",
          is_admin: Boolean(u.isAdmin),
          is_owner: Boolean(u.isOwner),
          profile: { title: u.title ?? "" },
        },
      });
    }
    case "conversations.open": {
      const users = (str(args.users) ?? "").split(",").filter(Boolean);
      if (users.length !== 1) return fail("not_implemented");
      return ok({ channel: { id: ws.dmOf(users[0]!).id } });
    }
    case "conversations.info": {
      const ch = ws.resolveChannel(str(args.channel) ?? "");
      if (!ch) return fail("channel_not_found");
      return ok({
        channel: {
          id: ch.id,
          name: ch.name,
          is_im: Boolean(ch.dmWith),
          is_private: Boolean(ch.isPrivate),
          user: ch.dmWith,
        },
      });
    }
    case "conversations.replies": {
      const ch = ws.resolveChannel(str(args.channel) ?? "");
      if (!ch) return fail("channel_not_found");
      const msgs = ws.thread(ch.id, str(args.ts) ?? "");
      if (!msgs.length) return fail("thread_not_found");
      return ok({ messages: msgs.map((m) => asListed(m, args)) });
    }
    case "conversations.history": {
      // Newest first, top-level messages only, at most `limit` (Slack's default 100, max 999).
      const ch = ws.resolveChannel(str(args.channel) ?? "");
      if (!ch) return fail("channel_not_found");
      const limit = Math.min(999, Number(args.limit ?? 100) || 100);
      const msgs = ws.messages.filter(
        (m) => m.channel === ch.id && !m.ephemeralFor && (!m.threadTs || m.threadTs === m.ts),
      );
      return ok({
        messages: msgs
          .slice(-limit)
          .reverse()
          .map((m) => asListed(m, args)),
        has_more: msgs.length > limit,
      });
    }
    case "usergroups.users.list":
      return ok({ users: ws.groups.get(str(args.usergroup) ?? "") ?? [] });
    case "views.open":
    case "views.push": {
      const trigger = str(args.trigger_id) ?? "";
      const bad = ctx.triggers.check(trigger, ctx.wallMs());
      if (bad) return fail(bad);
      const view = json<Record<string, unknown>>(args.view);
      if (!view || typeof view !== "object") return fail("invalid_arguments");
      const user = triggerUser(trigger) ?? userOfTrigger(ctx, args);
      const stack = method === "views.open" ? [] : [...ws.stackOf(user)];
      if (stack.length >= 3) return fail("push_limit_reached");
      const opened = viewOf(ctx, user, view);
      ws.setStack(user, [...stack, opened]);
      return ok({ view: { id: opened.id, hash: opened.hash, ...view } });
    }
    case "views.update": {
      const id = str(args.view_id) ?? "";
      const found = ws.findView(id);
      const view = json<Record<string, unknown>>(args.view);
      if (!found || !view) return fail("not_found");
      const stack = ws.stackOf(found.userId).map((v) => (v.id === id ? viewOf(ctx, v.userId, view, v.id) : v));
      ws.setStack(found.userId, stack);
      return ok({ view: { id, ...view } });
    }
    case "views.publish": {
      const user = str(args.user_id) ?? "";
      const view = json<Record<string, unknown>>(args.view);
      if (!view) return fail("invalid_arguments");
      ws.homes.set(user, view);
      ws.emitChange({ type: "home", userId: user, view });
      return ok({ view: { id: ws.nextId("V"), ...view } });
    }
    case "files.getUploadURLExternal": {
      const id = ws.nextId("F");
      ctx.pendingNames.set(id, str(args.filename) ?? "file");
      return ok({ upload_url: `${ctx.base}/upload/${id}`, file_id: id });
    }
    case "files.completeUploadExternal": {
      const files = json<{ id: string; title?: string }[]>(args.files) ?? [];
      if (!files.length || files.some((f) => !ctx.uploads.has(f.id))) return fail("file_not_found");
      const channelArg = str(args.channel_id);
      const shared = files.map((f) => {
        const name = ctx.pendingNames.get(f.id) ?? f.id;
        const bytes = ctx.uploads.get(f.id)!;
        const mimetype = /\.png$/i.test(name) ? "image/png" : "application/octet-stream";
        ws.files.set(f.id, { id: f.id, name, title: f.title ?? name, mimetype, bytes });
        return { id: f.id, name, title: f.title ?? name, mimetype };
      });
      if (channelArg) {
        const ch = ws.resolveChannel(channelArg);
        if (!ch) return fail("channel_not_found");
        ws.post({ channel: ch.id, text: str(args.initial_comment) ?? "", files: shared });
      }
      return ok({ files: shared.map((f) => ({ id: f.id, title: f.title })) });
    }
    case "files.info": {
      const id = str(args.file) ?? "";
      const f = ws.files.get(id);
      if (!f) return fail("file_not_found");
      return ok({
        file: {
          id,
          name: f.name,
          title: f.title,
          mimetype: f.mimetype,
          size: f.bytes.length,
          url_private: `${ctx.base}/files/${id}`,
          url_private_download: `${ctx.base}/files/${id}?download=1`,
        },
      });
    }
    case "functions.completeSuccess":
    case "functions.completeError": {
      const e = ws.executions.get(str(args.function_execution_id) ?? "");
      if (!e) return fail("function_execution_not_found");
      if (e.state !== "running") return fail("execution_not_in_running_state");
      if (method === "functions.completeError") {
        const error = str(args.error);
        if (!error) return fail("invalid_arguments");
        Object.assign(e, { state: "failed", error });
      } else {
        const outputs = json<Record<string, unknown>>(args.outputs) ?? {};
        const problems = outputProblems(e, outputs);
        if (problems.length) return fail("parameter_validation_failed", { errors: problems });
        Object.assign(e, { state: "completed", outputs });
      }
      ws.emitChange({ type: "execution", execution: e });
      return ok();
    }
    default:
      return fail("unknown_method");
  }
}

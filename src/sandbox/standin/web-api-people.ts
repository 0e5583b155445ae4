// users.*, conversations.* and usergroups.* from the stand-in's workspace.
import { asListed, fail, ok, str, type Method } from "./web-api-kit.ts";

export const PEOPLE_METHODS: Record<string, Method> = {
  "users.info": (c) => {
    const { ws } = c.ctx;
    const id = str(c.args.user) ?? "";
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
  },
  "conversations.open": (c) => {
    const { ws } = c.ctx;
    const users = (str(c.args.users) ?? "").split(",").filter(Boolean);
    if (users.length !== 1) return fail("not_implemented");
    return ok({ channel: { id: ws.dmOf(users[0]!).id } });
  },
  "conversations.info": (c) => {
    const { ws } = c.ctx;
    const ch = ws.resolveChannel(str(c.args.channel) ?? "");
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
  },
  "conversations.replies": (c) => {
    const { ws } = c.ctx;
    const ch = ws.resolveChannel(str(c.args.channel) ?? "");
    if (!ch) return fail("channel_not_found");
    const msgs = ws.thread(ch.id, str(c.args.ts) ?? "");
    if (!msgs.length) return fail("thread_not_found");
    return ok({ messages: msgs.map((m) => asListed(m, c.args)) });
  },
  "conversations.history": (c) => {
    const { ws } = c.ctx;
    // Newest first, top-level messages only, at most `limit` (Slack's default 100, max 999).
    const ch = ws.resolveChannel(str(c.args.channel) ?? "");
    if (!ch) return fail("channel_not_found");
    const limit = Math.min(999, Number(c.args.limit ?? 100) || 100);
    const msgs = ws.messages.filter(
      (m) => m.channel === ch.id && !m.ephemeralFor && (!m.threadTs || m.threadTs === m.ts),
    );
    return ok({
      messages: msgs
        .slice(-limit)
        .reverse()
        .map((m) => asListed(m, c.args)),
      has_more: msgs.length > limit,
    });
  },
  "usergroups.users.list": (c) => {
    const { ws } = c.ctx;
    return ok({ users: ws.groups.get(str(c.args.usergroup) ?? "") ?? [] });
  },
};

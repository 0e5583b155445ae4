// chat.* and auth.test as Slack answers them: posts, edits, ephemeral messages, permalinks; a
// post over a channel's pace answers 429 with Retry-After.
import { fail, ok, str, json, type Method } from "./web-api-kit.ts";
import { invalidFile, invalidTables } from "./tables.ts";

export const CHAT_METHODS: Record<string, Method> = {
  "auth.test": () => {
    return ok({
      url: "https://acme.slack.com/",
      team: "Acme",
      user: "shopops",
      team_id: "T1",
      user_id: "UBOT",
      bot_id: "BBOT",
    });
  },
  "chat.postMessage": (c) => {
    const { ws } = c.ctx;
    const ch = ws.resolveChannel(str(c.args.channel) ?? "");
    if (!ch) return fail("channel_not_found");
    const wait = c.ctx.rate?.take(ch.id, c.ctx.nowMs()) ?? 0;
    if (wait > 0) return c.limited(wait);
    const blocks = json<unknown[]>(c.args.blocks);
    const attachments = json<unknown[]>(c.args.attachments);
    const bad = invalidTables(blocks, attachments);
    if (bad) return fail(bad);
    const file = invalidFile(blocks, (id) => ws.files.has(id));
    if (file) return fail("invalid_blocks", { errors: file });
    const m = ws.post({
      channel: ch.id,
      text: str(c.args.text) ?? "",
      blocks,
      attachments,
      threadTs: str(c.args.thread_ts),
      metadata: json(c.args.metadata),
    });
    return ok({
      channel: ch.id,
      ts: m.ts,
      message: { text: m.text, ts: m.ts, bot_id: "BBOT", ...(blocks ? { blocks } : {}) },
    });
  },
  "chat.update": (c) => {
    const { ws } = c.ctx;
    const ch = ws.resolveChannel(str(c.args.channel) ?? "");
    if (!ch) return fail("channel_not_found");
    const ts = str(c.args.ts) ?? "";
    const blocks = json<unknown[]>(c.args.blocks);
    const attachments = json<unknown[]>(c.args.attachments);
    const bad = invalidTables(blocks, attachments);
    if (bad) return fail(bad);
    const file = invalidFile(blocks, (id) => ws.files.has(id));
    if (file) return fail("invalid_blocks", { errors: file });
    const m = ws.update(ch.id, ts, { text: str(c.args.text) ?? "", blocks, attachments });
    if (!m && ws.strictChannels) return fail("message_not_found");
    return ok({ channel: ch.id, ts, text: str(c.args.text) });
  },
  "chat.postEphemeral": (c) => {
    const { ws } = c.ctx;
    const ch = ws.resolveChannel(str(c.args.channel) ?? "");
    if (!ch) return fail("channel_not_found");
    const user = str(c.args.user) ?? "";
    if (!ws.people.has(user) && ws.strictChannels) return fail("user_not_in_channel");
    const attachments = json<unknown[]>(c.args.attachments);
    const bad = invalidTables(c.args.blocks, attachments);
    if (bad) return fail(bad);
    const m = ws.post({
      channel: ch.id,
      text: str(c.args.text) ?? "",
      blocks: json<unknown[]>(c.args.blocks),
      attachments,
      threadTs: str(c.args.thread_ts),
      ephemeralFor: user,
    });
    return ok({ message_ts: m.ts });
  },
  "chat.getPermalink": (c) => {
    const channel = str(c.args.channel) ?? "";
    return ok({
      channel,
      permalink: `https://acme.slack.com/archives/${channel}/p${String(c.args.message_ts).replace(".", "")}`,
    });
  },
};

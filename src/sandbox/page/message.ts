// One message as Slack shows it: author, time, blocks or mrkdwn, files, the thread link and the
// message-actions menu that runs the app's message shortcuts.
import { renderBlocks } from "./blocks.ts";
import { h } from "./dom.ts";
import { mrkdwn } from "./mrkdwn.ts";
import { ctxFor, names, person, post, redraw, s } from "./session.ts";
import { zoneTime, type Json, type Msg } from "./types.ts";
import { word } from "./words.ts";

export function messageView(m: Msg, inThread: boolean): HTMLElement {
  const me = person(s.as)!;
  const author = m.user ? (person(m.user)?.realName ?? m.user) : "shopops";
  const act = (a: Json) => void post("/sandbox/api/action", { channel: m.channel, ts: m.ts, action: a });
  const replies = s.state!.messages.filter((x) => x.threadTs === m.ts && x.channel === m.channel && x.ts !== m.ts);
  const menu = h("div", { class: "menu", hidden: true });
  for (const sc of s.state!.shortcuts) {
    menu.append(
      h(
        "button",
        {
          class: "menu-item",
          onClick: () => {
            menu.hidden = true;
            void post("/sandbox/api/shortcut", { channel: m.channel, ts: m.ts, callbackId: sc.callbackId });
          },
        },
        sc.name,
      ),
    );
  }
  return h(
    "article",
    { class: `message ${m.ephemeralFor ? "ephemeral" : ""}`, "data-ts": m.ts, "data-author": m.user ?? "bot" },
    h(
      "header",
      {},
      h("strong", {}, author),
      m.user ? null : h("span", { class: "app-tag" }, "APP"),
      h("time", {}, zoneTime(Number(m.ts.split(".")[0]) * 1000, me.tz)),
      m.edited ? h("span", { class: "edited" }, word("edited")) : null,
      m.ephemeralFor ? h("span", { class: "only-you" }, word("onlyYou")) : null,
      h(
        "div",
        { class: "message-menu" },
        h(
          "button",
          { class: "btn icon more", "aria-label": "Message actions", onClick: () => (menu.hidden = !menu.hidden) },
          "⋯",
        ),
        menu,
      ),
    ),
    m.blocks?.length ? renderBlocks(m.blocks, ctxFor(act)) : h("div", { class: "mrkdwn", html: mrkdwn(m.text, names) }),
    ...(m.attachments ?? []).map((a) =>
      h("div", { class: "attachment" }, renderBlocks((a.blocks ?? []) as Json[], ctxFor(act))),
    ),
    ...(m.files ?? []).map((f) =>
      f.mimetype.startsWith("image/")
        ? h(
            "figure",
            { class: "file" },
            // As in Slack, a picture opens full size on a click.
            h(
              "a",
              { href: `/sandbox/file?id=${encodeURIComponent(f.id)}`, target: "_blank", rel: "noopener" },
              h("img", { src: `/sandbox/file?id=${encodeURIComponent(f.id)}`, alt: f.title }),
            ),
            h("figcaption", {}, f.title),
          )
        : h(
            "a",
            { class: "file", href: `/sandbox/file?id=${encodeURIComponent(f.id)}`, download: f.name },
            `📎 ${f.name}`,
          ),
    ),
    !inThread && replies.length
      ? h(
          "button",
          { class: "replies", onClick: () => ((s.thread = m.ts), redraw()) },
          `${replies.length} ${word(replies.length === 1 ? "reply" : "replies")}`,
        )
      : null,
    !inThread && !replies.length && !m.ephemeralFor
      ? h("button", { class: "replies subtle", onClick: () => ((s.thread = m.ts), redraw()) }, word("replyInThread"))
      : null,
  );
}

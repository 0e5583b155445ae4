// Slack's rich_text and table blocks on the page: sections, lists, quotes and code, with their
// styled runs, mentions, channels, links and emoji; a table's rows of raw_text or rich_text cells.
import { h, type Ctx, type Json } from "./dom.ts";

function run(e: Json, ctx: Ctx): Node {
  const style = (e.style ?? {}) as Record<string, boolean>;
  let node: Node;
  switch (e.type) {
    case "user":
      node = h("span", { class: "mention" }, `@${ctx.names.person(e.user_id) ?? e.user_id}`);
      break;
    case "channel":
      node = h("span", { class: "mention" }, `#${ctx.names.channel(e.channel_id) ?? e.channel_id}`);
      break;
    case "link":
      node = h("a", { href: e.url, target: "_blank", rel: "noopener" }, e.text ?? e.url);
      break;
    case "emoji":
      node = document.createTextNode(e.unicode ? String.fromCodePoint(parseInt(e.unicode, 16)) : `:${e.name}:`);
      break;
    case "broadcast":
      node = h("span", { class: "mention" }, `@${e.range}`);
      break;
    default:
      node = document.createTextNode(String(e.text ?? ""));
  }
  for (const [on, tag] of [
    ["bold", "b"],
    ["italic", "i"],
    ["strike", "s"],
    ["code", "code"],
  ] as const)
    if (style[on]) node = h(tag, {}, node);
  return node;
}

function part(p: Json, ctx: Ctx): HTMLElement {
  const runs = ((p.elements ?? []) as Json[]).map((e) => run(e, ctx));
  switch (p.type) {
    case "rich_text_list":
      return h(
        p.style === "ordered" ? "ol" : "ul",
        {},
        ...((p.elements ?? []) as Json[]).map((item) => h("li", {}, part(item, ctx))),
      );
    case "rich_text_quote":
      return h("blockquote", {}, ...runs);
    case "rich_text_preformatted":
      return h("pre", {}, ...runs);
    default:
      return h("div", { class: "rt-section" }, ...runs);
  }
}

export function richText(b: Json, ctx: Ctx): HTMLElement {
  return h("div", { class: "block rich-text" }, ...((b.elements ?? []) as Json[]).map((p) => part(p, ctx)));
}

function cell(c: Json, ctx: Ctx): Node {
  if (c?.type === "rich_text") return richText(c, ctx);
  return document.createTextNode(String(c?.text ?? ""));
}

/**
 * A table as Slack draws it; one of more than five columns is also drawn as a list of its rows
 * ("header: value" lines), which a phone-width page shows instead, so nothing scrolls sideways.
 */
export function table(b: Json, ctx: Ctx): HTMLElement {
  const rows = (b.rows ?? []) as Json[][];
  const aligns = ((b.column_settings ?? []) as (Json | null)[]).map((s) => s?.align ?? "left");
  const head = rows[0] ?? [];
  const wide = head.length > 5;
  const grid = h(
    "table",
    {},
    ...rows.map((r, i) =>
      h(
        "tr",
        {},
        ...r.map((c, j) => h(i === 0 ? "th" : "td", { style: `text-align:${aligns[j] ?? "left"}` }, cell(c, ctx))),
      ),
    ),
  );
  const list = wide
    ? h(
        "div",
        { class: "as-list" },
        ...rows
          .slice(1)
          .map((r) =>
            h("dl", {}, ...r.flatMap((c, j) => [h("dt", {}, cell(head[j] ?? {}, ctx)), h("dd", {}, cell(c, ctx))])),
          ),
      )
    : null;
  return h("div", { class: `block table${wide ? " wide" : ""}` }, grid, list);
}

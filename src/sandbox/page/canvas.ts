// A canvas as Slack draws it beside a channel, in outline: headings, paragraphs, lists, quotes
// and tables of canvas markdown, with people and channels by name. Text is set as text (never as
// HTML), so whatever the bot or a person wrote shows as written.
import { h } from "./dom.ts";
import type { Names } from "./mrkdwn.ts";
import type { CanvasDoc } from "./types.ts";

/** Inline canvas markdown as nodes: mentions by name, **bold**, backslash escapes undone. */
function inline(src: string, names: Names): (Node | string)[] {
  const out: (Node | string)[] = [];
  const re = /!\[\]\(([@#])([A-Z0-9]+)\)|\*\*(.+?)\*\*|\\(.)/g;
  let last = 0;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    out.push(src.slice(last, m.index));
    last = re.lastIndex;
    if (m[1] === "@") out.push(h("span", { class: "mention" }, `@${names.person(m[2]!) ?? m[2]}`));
    else if (m[1] === "#") out.push(h("span", { class: "mention" }, `#${names.channel(m[2]!) ?? m[2]}`));
    else if (m[3] !== undefined) out.push(h("b", {}, ...inline(m[3], names)));
    else out.push(m[4]!);
  }
  out.push(src.slice(last));
  return out;
}

/** A table's cells: split on pipes that aren't escaped. */
const cellsOf = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());

/** A table; one of more than five columns also as a list of its rows, which a phone shows instead. */
function table(markdown: string, names: Names): HTMLElement {
  const [head, , ...lines] = markdown.split("\n");
  const header = cellsOf(head ?? "");
  const rows = lines.map(cellsOf);
  const grid = h(
    "table",
    {},
    h("tr", {}, ...header.map((c) => h("th", {}, ...inline(c, names)))),
    ...rows.map((r) => h("tr", {}, ...r.map((c) => h("td", {}, ...inline(c, names))))),
  );
  if (header.length <= 5) return h("div", { class: "canvas-table" }, grid);
  const card = (r: string[]) =>
    h(
      "dl",
      {},
      ...header.flatMap((c, i) => [h("dt", {}, ...inline(c, names)), h("dd", {}, ...inline(r[i] ?? "", names))]),
    );
  return h("div", { class: "canvas-table wide" }, grid, h("div", { class: "as-list" }, ...rows.map(card)));
}

function section(sec: CanvasDoc["sections"][number], names: Names): HTMLElement {
  const body = (md: string) => inline(md.replace(/^(#{1,3}|>|\d+\.|[-*])\s+/, ""), names);
  switch (sec.type) {
    case "h1":
    case "h2":
    case "h3":
      return h(sec.type, {}, ...body(sec.markdown));
    case "table":
      return table(sec.markdown, names);
    case "quote":
      return h("blockquote", {}, ...body(sec.markdown));
    case "list": {
      const ordered = /^\d+\./.test(sec.markdown);
      return h(ordered ? "ol" : "ul", {}, ...sec.markdown.split("\n").map((l) => h("li", {}, ...body(l))));
    }
    default:
      return h("p", {}, ...inline(sec.markdown, names));
  }
}

export function canvasView(doc: CanvasDoc, names: Names): HTMLElement {
  return h(
    "article",
    { class: "canvas", "aria-label": `Canvas: ${doc.title}` },
    h("h1", { class: "canvas-title" }, doc.title),
    ...doc.sections.map((sec) => section(sec, names)),
  );
}

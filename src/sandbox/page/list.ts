// A Slack List in a channel's tabs, in outline: its columns and rows, people by name, the Done
// checkbox tickable as the person the page acts as. Slack tells apps nothing of a tick; the bot
// reads its Lists back every two minutes, so the checklist follows within that.
import { h } from "./dom.ts";
import type { Names } from "./mrkdwn.ts";
import { load, post } from "./session.ts";
import type { ListDoc } from "./types.ts";

/** A rich_text cell's words (the stand-in keeps what the bot sent). */
function words(v: unknown): string {
  try {
    const blocks = JSON.parse(String(v)) as { elements?: { elements?: { text?: string }[] }[] }[];
    return blocks
      .flatMap((b) => b.elements ?? [])
      .flatMap((e) => e.elements ?? [])
      .map((e) => e.text ?? "")
      .join("");
  } catch {
    return String(v ?? "");
  }
}

function cell(list: ListDoc, item: ListDoc["items"][number], col: ListDoc["columns"][number], names: Names) {
  const v = item.fields[col.id];
  if (col.type === "checkbox")
    return h("input", {
      type: "checkbox",
      checked: v === true,
      "aria-label": `${col.name}: ${item.id}`,
      onChange: (e: Event) =>
        void post("/sandbox/api/list/tick", {
          listId: list.id,
          itemId: item.id,
          column: col.key,
          checked: (e.target as HTMLInputElement).checked,
        }).then(load),
    });
  if (col.type === "user")
    return (Array.isArray(v) ? v : []).map((id) => `@${names.person(String(id)) ?? id}`).join(", ");
  if (Array.isArray(v)) return v.join(", ");
  return words(v);
}

export function listView(list: ListDoc, names: Names): HTMLElement {
  return h(
    "article",
    { class: "canvas slack-list", "aria-label": `List: ${list.name}` },
    h("h1", { class: "canvas-title" }, `📋 ${list.name}`),
    h(
      "div",
      { class: "canvas-table" },
      h(
        "table",
        {},
        h("tr", {}, ...list.columns.map((c) => h("th", {}, c.name))),
        ...list.items.map((item) =>
          h("tr", { "data-row": item.id }, ...list.columns.map((c) => h("td", {}, cell(list, item, c, names)))),
        ),
      ),
    ),
  );
}

// Block Kit to DOM for the sandbox page: the blocks the bot uses, in messages, the App Home tab
// and modals. Elements are drawn by elements.ts (messages) and inputs.ts (modals), rich text and
// tables by rich-text.ts.
import { h, text, type Ctx, type Json } from "./dom.ts";
import { messageElement } from "./elements.ts";
import { inputElement } from "./inputs.ts";
import { richText, table } from "./rich-text.ts";
import { word } from "./words.ts";

type Draw = (b: Json, ctx: Ctx, blockId: string) => HTMLElement;

function section(b: Json, ctx: Ctx, blockId: string): HTMLElement {
  const body = h("div", { class: "section-body" });
  if (b.text) body.append(h("div", { class: "section-text" }, text(b.text, ctx)));
  if (b.fields)
    body.append(
      h("div", { class: "fields" }, ...(b.fields as Json[]).map((f) => h("div", { class: "field" }, text(f, ctx)))),
    );
  const acc = b.accessory ? h("div", { class: "accessory" }, messageElement(b.accessory, blockId, ctx)) : null;
  return h("div", { class: "block section", "data-block": blockId }, body, acc);
}

function context(b: Json, ctx: Ctx): HTMLElement {
  return h(
    "div",
    { class: "block context" },
    ...((b.elements ?? []) as Json[]).map((e) =>
      e.type === "image" ? h("img", { class: "ctx-img", src: e.image_url, alt: e.alt_text ?? "" }) : text(e, ctx),
    ),
  );
}

function image(b: Json, ctx: Ctx): HTMLElement {
  const src = b.image_url ?? (b.slack_file?.id ? ctx.fileUrl(b.slack_file.id) : "");
  // As in Slack, a picture opens full size on a click.
  return h(
    "figure",
    { class: "block image" },
    b.title ? h("figcaption", {}, text(b.title, ctx)) : null,
    h("a", { href: src, target: "_blank", rel: "noopener" }, h("img", { src, alt: b.alt_text ?? "" })),
  );
}

function input(b: Json, ctx: Ctx, blockId: string): HTMLElement {
  const err = ctx.errors?.[blockId];
  return h(
    "div",
    { class: `block input ${err ? "has-error" : ""}`, "data-block": blockId },
    h(
      "label",
      { class: "input-label" },
      b.label?.text ?? "",
      b.optional ? h("span", { class: "optional" }, word("optional")) : null,
    ),
    inputElement(b.element ?? {}, blockId, ctx),
    b.hint ? h("div", { class: "hint" }, text(b.hint, ctx)) : null,
    err ? h("div", { class: "error", role: "alert" }, err) : null,
  );
}

const DRAW: Record<string, Draw> = {
  header: (b, ctx) => h("div", { class: "block header" }, text(b.text, ctx)),
  divider: () => h("hr", { class: "block divider" }),
  section,
  context,
  image,
  actions: (b, ctx, blockId) =>
    h(
      "div",
      { class: "block actions", "data-block": blockId },
      ...((b.elements ?? []) as Json[]).map((e) => messageElement(e, blockId, ctx)),
    ),
  input,
  rich_text: (b, ctx) => richText(b, ctx),
  table: (b, ctx) => table(b, ctx),
  markdown: (b, ctx) => text({ type: "mrkdwn", text: String(b.text ?? "") }, ctx),
};

export function renderBlocks(blocks: Json[], ctx: Ctx): HTMLElement {
  const out = h("div", { class: "blocks" });
  for (const b of blocks) {
    const draw = DRAW[String(b.type)];
    out.append(draw ? draw(b, ctx, String(b.block_id ?? "")) : h("div", { class: "block unsupported" }, `[${b.type}]`));
  }
  return out;
}

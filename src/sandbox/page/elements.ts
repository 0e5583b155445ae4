// Interactive Block Kit elements in a message or the Home tab (buttons, menus, pickers), with
// Slack's confirm dialog. Each reports what Slack would send in a block action.
import { h, type Ctx, type Json } from "./dom.ts";
import { mrkdwn } from "./mrkdwn.ts";
import { word } from "./words.ts";
import { multiPicker } from "./picker.ts";

/** Slack's confirm dialog, in the page: resolves true when the person confirms. */
function confirmDialog(c: Json | undefined): Promise<boolean> {
  if (!c) return Promise.resolve(true);
  return new Promise((resolve) => {
    const close = (yes: boolean) => {
      overlay.remove();
      resolve(yes);
    };
    const overlay = h(
      "div",
      { class: "overlay confirm", role: "dialog", "aria-label": c.title?.text ?? "Confirm" },
      h(
        "div",
        { class: "dialog" },
        h("h3", {}, c.title?.text ?? "Are you sure?"),
        h("div", {
          class: "dialog-body",
          html: mrkdwn(String(c.text?.text ?? ""), { person: () => undefined, channel: () => undefined }),
        }),
        h(
          "div",
          { class: "dialog-buttons" },
          h("button", { onClick: () => close(false) }, c.deny?.text ?? word("cancel")),
          h(
            "button",
            { class: `primary ${c.style === "danger" ? "danger" : ""}`, onClick: () => close(true) },
            c.confirm?.text ?? "Confirm",
          ),
        ),
      ),
    );
    document.body.append(overlay);
  });
}

export function option(o: Json): { label: string; value: string } {
  return { label: String(o.text?.text ?? o.value), value: String(o.value) };
}

function button(el: Json, blockId: string, ctx: Ctx): HTMLElement {
  return h(
    "button",
    {
      class: `btn ${el.style ?? ""}`,
      "data-action": el.action_id,
      onClick: async () => {
        if (el.url) window.open(el.url, "_blank", "noopener");
        if (await confirmDialog(el.confirm))
          ctx.act({ type: "button", action_id: el.action_id, block_id: blockId, value: el.value, text: el.text });
      },
    },
    String(el.text?.text ?? ""),
  );
}

function overflow(el: Json, blockId: string, ctx: Ctx): HTMLElement {
  const menu = h("div", { class: "menu", hidden: true });
  for (const o of (el.options ?? []) as Json[]) {
    const { label, value } = option(o);
    menu.append(
      h(
        "button",
        {
          class: "menu-item",
          onClick: async () => {
            menu.hidden = true;
            if (await confirmDialog(el.confirm))
              ctx.act({
                type: "overflow",
                action_id: el.action_id,
                block_id: blockId,
                selected_option: { text: o.text, value },
              });
          },
        },
        label,
      ),
    );
  }
  return h(
    "div",
    { class: "overflow" },
    h(
      "button",
      {
        class: "btn icon",
        "aria-label": "More actions",
        "data-action": el.action_id,
        onClick: () => (menu.hidden = !menu.hidden),
      },
      "⋯",
    ),
    menu,
  );
}

export function select(
  el: Json,
  blockId: string,
  ctx: Ctx,
  onPick: (o: Json | undefined, all: Json[]) => void,
): HTMLElement {
  const multi = String(el.type).startsWith("multi_");
  const base = String(el.type).replace(/^multi_/, "");
  let opts: { label: string; value: string; raw: Json }[];
  if (base === "users_select")
    opts = ctx.people.map((p) => ({ label: p.realName ?? p.name, value: p.id, raw: { value: p.id } }));
  else if (base === "conversations_select" || base === "channels_select") opts = conversations(el, ctx);
  else
    opts = ((el.options ?? []) as Json[])
      .concat(((el.option_groups ?? []) as Json[]).flatMap((g) => g.options ?? []))
      .map((o) => ({ ...option(o), raw: o }));
  const initial = new Set<string>(
    [
      el.initial_option?.value,
      el.initial_user,
      el.initial_conversation,
      el.initial_channel,
      ...((el.initial_options ?? []) as Json[]).map((o) => o.value),
      ...((el.initial_users ?? []) as string[]),
      ...((el.initial_conversations ?? []) as string[]),
    ].filter(Boolean),
  );
  if (multi)
    return multiPicker(
      opts,
      initial,
      el.placeholder?.text ?? el.action_id,
      (values) => {
        const picked = values.map((v) => opts.find((o) => o.value === v)!);
        onPick(
          picked[0]?.raw,
          picked.map((p) => p.raw),
        );
      },
      el.max_selected_items ?? Infinity,
    );
  const s = h("select", {
    class: "select",
    "data-action": el.action_id,
    multiple: multi || undefined,
    "aria-label": el.placeholder?.text ?? el.action_id,
  }) as HTMLSelectElement;
  if (!multi) s.append(h("option", { value: "" }, el.placeholder?.text ?? word("select")));
  for (const o of opts) s.append(h("option", { value: o.value, selected: initial.has(o.value) || undefined }, o.label));
  s.addEventListener("change", () => {
    const picked = opts.filter((o) => [...s.selectedOptions].some((x) => x.value === o.value));
    onPick(
      picked[0]?.raw,
      picked.map((p) => p.raw),
    );
  });
  return s;
}

/** An interactive element in a message or the Home tab: acts at once. */
export function messageElement(el: Json, blockId: string, ctx: Ctx): HTMLElement {
  switch (el.type) {
    case "button":
      return button(el, blockId, ctx);
    case "overflow":
      return overflow(el, blockId, ctx);
    case "datepicker":
      return h("input", {
        type: "date",
        class: "date",
        value: el.initial_date ?? "",
        "data-action": el.action_id,
        onChange: (e: Event) =>
          ctx.act({
            type: "datepicker",
            action_id: el.action_id,
            block_id: blockId,
            selected_date: (e.target as HTMLInputElement).value,
          }),
      });
    case "image":
      return h("img", { class: "thumb", src: el.image_url, alt: el.alt_text ?? "" });
    default:
      if (/select$/.test(el.type))
        return select(el, blockId, ctx, (o, all) =>
          ctx.act(
            String(el.type).startsWith("multi_")
              ? { type: el.type, action_id: el.action_id, block_id: blockId, selected_options: all }
              : {
                  type: el.type,
                  action_id: el.action_id,
                  block_id: blockId,
                  selected_option: o,
                  selected_user: o?.value,
                  selected_conversation: o?.value,
                },
          ),
        );
      return h("span", { class: "unsupported" }, `[${el.type}]`);
  }
}

/**
 * What a conversations menu lists: channels, and people too when its filter includes DMs (`im`),
 * as Slack's does; picking a person gives their user ID.
 */
function conversations(el: Json, ctx: Ctx): { label: string; value: string; raw: Json }[] {
  const include = (el.filter?.include ?? ["public", "private", "im", "mpim"]) as string[];
  const channels = ctx.channels.map((c) => ({ label: `#${c.name}`, value: c.id, raw: { value: c.id } }));
  if (el.type.endsWith("channels_select") || !include.includes("im")) return channels;
  const people = ctx.people.map((p) => ({ label: `@ ${p.realName ?? p.name}`, value: p.id, raw: { value: p.id } }));
  return [...channels, ...people];
}

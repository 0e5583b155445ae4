// Block Kit to DOM for the sandbox page: the blocks and elements the bot uses, in messages, the
// App Home tab and modals. Interactive elements report what Slack would send in a block action;
// input blocks in a modal keep their state in Slack's state.values shape.
import { mrkdwn, plain, type Names } from "./mrkdwn.ts";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export type Act = (action: Json) => void;

export interface Ctx {
  names: Names;
  people: { id: string; name: string; realName?: string }[];
  channels: { id: string; name: string }[];
  act: Act;
  /** Modal inputs: state.values[block_id][action_id]. */
  state?: Record<string, Record<string, Json>>;
  errors?: Record<string, string>;
  fileUrl(id: string): string;
}

export function h(
  tag: string,
  attrs: Record<string, unknown> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function")
      el.addEventListener(k.slice(2).toLowerCase(), v as EventListener);
    else if (k === "html") el.innerHTML = String(v);
    else el.setAttribute(k, String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

export function text(t: Json | undefined, ctx: Ctx): HTMLElement {
  if (!t) return h("span");
  return h("span", {
    class: t.type === "mrkdwn" ? "mrkdwn" : "plain",
    html: t.type === "mrkdwn" ? mrkdwn(String(t.text ?? ""), ctx.names) : plain(String(t.text ?? "")),
  });
}

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
          h("button", { onClick: () => close(false) }, c.deny?.text ?? "Cancel"),
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

function option(o: Json): { label: string; value: string } {
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

function select(el: Json, blockId: string, ctx: Ctx, onPick: (o: Json | undefined, all: Json[]) => void): HTMLElement {
  const multi = String(el.type).startsWith("multi_");
  const base = String(el.type).replace(/^multi_/, "");
  let opts: { label: string; value: string; raw: Json }[];
  if (base === "users_select")
    opts = ctx.people.map((p) => ({ label: p.realName ?? p.name, value: p.id, raw: { value: p.id } }));
  else if (base === "conversations_select" || base === "channels_select")
    opts = ctx.channels.map((c) => ({ label: `#${c.name}`, value: c.id, raw: { value: c.id } }));
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
  const s = h("select", {
    class: "select",
    "data-action": el.action_id,
    multiple: multi || undefined,
    "aria-label": el.placeholder?.text ?? el.action_id,
  }) as HTMLSelectElement;
  if (!multi) s.append(h("option", { value: "" }, el.placeholder?.text ?? "Select…"));
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
function messageElement(el: Json, blockId: string, ctx: Ctx): HTMLElement {
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

/** An input element in a modal: its value lands in ctx.state. */
function inputElement(el: Json, blockId: string, ctx: Ctx): HTMLElement {
  const state = (ctx.state ??= {});
  // What the person already typed or picked wins over the view's initial values on a redraw.
  const prev = state[blockId]?.[el.action_id];
  if (prev)
    el = {
      ...el,
      initial_value: prev.value ?? el.initial_value,
      initial_date: prev.selected_date ?? el.initial_date,
      initial_option: prev.selected_option ?? undefined,
      initial_options: prev.selected_options ?? undefined,
      initial_user: prev.selected_user ?? undefined,
      initial_users: prev.selected_users ?? undefined,
      initial_conversation: prev.selected_conversation ?? el.initial_conversation,
    };
  const set = (v: Json) => ((state[blockId] ??= {})[el.action_id] = { type: el.type, ...v });
  switch (el.type) {
    case "plain_text_input": {
      set({ value: el.initial_value ?? null });
      const attrs = {
        class: "text",
        "data-action": el.action_id,
        maxlength: el.max_length,
        placeholder: el.placeholder?.text,
        onInput: (e: Event) => set({ value: (e.target as HTMLInputElement).value }),
      };
      const box = el.multiline ? h("textarea", { ...attrs, rows: 4 }) : h("input", { ...attrs, type: "text" });
      (box as HTMLInputElement).value = el.initial_value ?? "";
      return box;
    }
    case "number_input": {
      set({ value: el.initial_value ?? null });
      return h("input", {
        type: "number",
        class: "text",
        "data-action": el.action_id,
        value: el.initial_value ?? "",
        onInput: (e: Event) => set({ value: (e.target as HTMLInputElement).value }),
      });
    }
    case "datepicker":
      set({ selected_date: el.initial_date ?? null });
      return h("input", {
        type: "date",
        class: "date",
        "data-action": el.action_id,
        value: el.initial_date ?? "",
        onInput: (e: Event) => set({ selected_date: (e.target as HTMLInputElement).value || null }),
      });
    case "checkboxes":
    case "radio_buttons": {
      const many = el.type === "checkboxes";
      const chosen = new Set<string>(
        [el.initial_option?.value, ...((el.initial_options ?? []) as Json[]).map((o) => o.value)].filter(Boolean),
      );
      const opts = (el.options ?? []) as Json[];
      const record = () => {
        const picked = opts.filter((o) => chosen.has(o.value));
        set(many ? { selected_options: picked } : { selected_option: picked[0] ?? null });
      };
      record();
      const name = `${blockId}-${el.action_id}`;
      return h(
        "div",
        { class: "choices", "data-action": el.action_id },
        ...opts.map((o) =>
          h(
            "label",
            { class: "choice" },
            h("input", {
              type: many ? "checkbox" : "radio",
              name,
              value: o.value,
              checked: chosen.has(o.value) || undefined,
              onChange: (e: Event) => {
                const box = e.target as HTMLInputElement;
                if (!many) chosen.clear();
                if (box.checked) chosen.add(o.value);
                else chosen.delete(o.value);
                record();
              },
            }),
            h("span", {
              html: o.text?.type === "mrkdwn" ? mrkdwn(o.text.text, ctx.names) : plain(o.text?.text ?? o.value),
            }),
            o.description ? h("small", {}, o.description.text) : null,
          ),
        ),
      );
    }
    default:
      if (/select$/.test(el.type)) {
        const multi = String(el.type).startsWith("multi_");
        const key = /users/.test(el.type)
          ? multi
            ? "selected_users"
            : "selected_user"
          : /conversations|channels/.test(el.type)
            ? multi
              ? "selected_conversations"
              : "selected_conversation"
            : multi
              ? "selected_options"
              : "selected_option";
        const initial =
          el.initial_option ??
          el.initial_user ??
          el.initial_conversation ??
          (multi ? (el.initial_users ?? el.initial_conversations ?? el.initial_options ?? []) : null);
        set({ [key]: initial ?? (multi ? [] : null) });
        return select(el, blockId, ctx, (o, all) => {
          if (key === "selected_option") set({ selected_option: o ?? null });
          else if (key === "selected_options") set({ selected_options: all });
          else set({ [key]: multi ? all.map((x) => x.value) : (o?.value ?? null) });
        });
      }
      return h("span", { class: "unsupported" }, `[${el.type}]`);
  }
}

export function renderBlocks(blocks: Json[], ctx: Ctx): HTMLElement {
  const out = h("div", { class: "blocks" });
  for (const b of blocks) {
    const blockId = String(b.block_id ?? "");
    switch (b.type) {
      case "header":
        out.append(h("div", { class: "block header" }, text(b.text, ctx)));
        break;
      case "divider":
        out.append(h("hr", { class: "block divider" }));
        break;
      case "section": {
        const body = h("div", { class: "section-body" });
        if (b.text) body.append(h("div", { class: "section-text" }, text(b.text, ctx)));
        if (b.fields)
          body.append(
            h(
              "div",
              { class: "fields" },
              ...(b.fields as Json[]).map((f) => h("div", { class: "field" }, text(f, ctx))),
            ),
          );
        const acc = b.accessory ? h("div", { class: "accessory" }, messageElement(b.accessory, blockId, ctx)) : null;
        out.append(h("div", { class: "block section", "data-block": blockId }, body, acc));
        break;
      }
      case "context":
        out.append(
          h(
            "div",
            { class: "block context" },
            ...((b.elements ?? []) as Json[]).map((e) =>
              e.type === "image"
                ? h("img", { class: "ctx-img", src: e.image_url, alt: e.alt_text ?? "" })
                : text(e, ctx),
            ),
          ),
        );
        break;
      case "image":
        out.append(
          h(
            "figure",
            { class: "block image" },
            b.title ? h("figcaption", {}, text(b.title, ctx)) : null,
            h("img", {
              src: b.image_url ?? (b.slack_file?.id ? ctx.fileUrl(b.slack_file.id) : ""),
              alt: b.alt_text ?? "",
            }),
          ),
        );
        break;
      case "actions":
        out.append(
          h(
            "div",
            { class: "block actions", "data-block": blockId },
            ...((b.elements ?? []) as Json[]).map((e) => messageElement(e, blockId, ctx)),
          ),
        );
        break;
      case "input": {
        const err = ctx.errors?.[blockId];
        out.append(
          h(
            "div",
            { class: `block input ${err ? "has-error" : ""}`, "data-block": blockId },
            h(
              "label",
              { class: "input-label" },
              b.label?.text ?? "",
              b.optional ? h("span", { class: "optional" }, " (optional)") : null,
            ),
            inputElement(b.element ?? {}, blockId, ctx),
            b.hint ? h("div", { class: "hint" }, text(b.hint, ctx)) : null,
            err ? h("div", { class: "error", role: "alert" }, err) : null,
          ),
        );
        break;
      }
      case "rich_text":
        out.append(h("div", { class: "block" }, JSON.stringify(b.elements ?? []).slice(0, 200)));
        break;
      default:
        out.append(h("div", { class: "block unsupported" }, `[${b.type}]`));
    }
  }
  return out;
}

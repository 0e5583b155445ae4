// Input elements in a modal: what the person types or picks lands in ctx.state, in Slack's
// state.values shape, and survives a redraw.
import { h, type Ctx, type Json } from "./dom.ts";
import { select } from "./elements.ts";
import { mrkdwn, plain } from "./mrkdwn.ts";

/** An input element in a modal: its value lands in ctx.state. */
export function inputElement(el: Json, blockId: string, ctx: Ctx): HTMLElement {
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
      initial_conversations: prev.selected_conversations ?? el.initial_conversations,
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
    case "radio_buttons":
      return choices(el, blockId, ctx, set);
    default:
      if (/select$/.test(el.type)) return selectInput(el, blockId, ctx, set);
      return h("span", { class: "unsupported" }, `[${el.type}]`);
  }
}

type Set = (v: Json) => void;

function choices(el: Json, blockId: string, ctx: Ctx, set: Set): HTMLElement {
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

function selectInput(el: Json, blockId: string, ctx: Ctx, set: Set): HTMLElement {
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

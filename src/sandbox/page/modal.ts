// The App Home tab and the top modal, with Slack's client-side check of required fields.
import { renderBlocks } from "./blocks.ts";
import { h, text } from "./dom.ts";
import { ctxFor, load, post, redraw, s } from "./session.ts";
import { isEmpty, type Json } from "./types.ts";
import { word } from "./words.ts";

export function homeView(): HTMLElement {
  const act = (a: Json) => void post("/sandbox/api/action", { home: true, action: a });
  return h(
    "section",
    { class: "home" },
    h("h2", {}, "shopops · Home"),
    s.state!.home
      ? renderBlocks(s.state!.home.blocks ?? [], ctxFor(act))
      : h("p", { class: "empty" }, "Opening the Home tab…"),
  );
}

/** Escape closes the top modal, as in Slack. */
export function closeTopOnEscape(e: KeyboardEvent): void {
  const top = s.state?.views[s.state.views.length - 1];
  if (e.key !== "Escape" || !top) return;
  e.preventDefault();
  void post("/sandbox/api/view/close", { viewId: top.id }).then(load);
}

export function modal(): HTMLElement | null {
  const top = s.state!.views[s.state!.views.length - 1];
  if (!top) return null;
  if (s.modalFor !== top.id) {
    s.modalFor = top.id;
    s.modalState = {};
    s.modalErrors = {};
  }
  const v = top.view;
  const act = (a: Json) => void post("/sandbox/api/action", { viewId: top.id, action: a, values: s.modalState });
  const body = renderBlocks(v.blocks ?? [], ctxFor(act, true));
  const submit = async () => {
    // Slack's client refuses to send a form with an empty required field and says so under it;
    // everything else is the bot's to judge (response_action: errors).
    const missing = Object.fromEntries(
      ((v.blocks ?? []) as Json[])
        .filter((b) => b.type === "input" && !b.optional && isEmpty(s.modalState[b.block_id]?.[b.element?.action_id]))
        .map((b) => [b.block_id, word("required")]),
    );
    if (Object.keys(missing).length) {
      s.modalErrors = missing;
      return redraw();
    }
    const r = await post("/sandbox/api/view/submit", { viewId: top.id, values: s.modalState });
    s.modalErrors = (r.errors as Record<string, string>) ?? {};
    await load();
  };
  return h(
    "div",
    { class: "overlay", role: "dialog", "aria-label": v.title?.text ?? "Form" },
    h(
      "div",
      { class: "modal" },
      h(
        "header",
        {},
        h("h3", {}, text(v.title, ctxFor(act))),
        h(
          "button",
          {
            class: "btn icon",
            "aria-label": "Close",
            onClick: () => void post("/sandbox/api/view/close", { viewId: top.id }).then(load),
          },
          "✕",
        ),
      ),
      body,
      h(
        "footer",
        {},
        h(
          "button",
          { class: "btn", onClick: () => void post("/sandbox/api/view/close", { viewId: top.id }).then(load) },
          v.close?.text ?? word("cancel"),
        ),
        v.submit ? h("button", { class: "btn primary", onClick: () => void submit() }, v.submit.text) : null,
      ),
    ),
  );
}

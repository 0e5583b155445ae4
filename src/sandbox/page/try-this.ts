// "Try this": the README's walk-throughs as steps in the sidebar. A step acts as the right
// person, opens the right place and, where there is one, puts the command in the message box;
// the visitor reads what to do next and presses Send or the buttons themselves.
import { h } from "./dom.ts";
import { go, redraw, s, switchTo } from "./session.ts";

interface Step {
  title: string;
  as: string;
  place: string;
  /** What goes in the message box. */
  text?: string;
  /** What to do next, in words. */
  then: string;
}

const STEPS: Step[] = [
  {
    title: "Escalate a complaint",
    as: "U0AGENT",
    place: "C0SUPPORT",
    then: "On 刘先生's message: Reply in thread, write a reply, then ⋯ → Escalate complaint, urgent. Then +2 h.",
  },
  {
    title: "Tier 2 sees it",
    as: "U0SUPER",
    place: "HOME",
    then: "陈杰's Home lists every case at tier 2, the most urgent first.",
  },
  { title: "A metrics digest", as: "U0LEAD", place: "C0METRICS", text: "/metrics now shop1", then: "Press Send." },
  {
    title: "Map a role",
    as: "U0LEAD",
    place: "C0OPS",
    text: "/task role purchasing @David Park",
    then: "Press Send: @ and # complete as you type.",
  },
  {
    title: "A keyword alert",
    as: "U0LEAD",
    place: "C0REVIEWS",
    text: "/reviews keyword add 掉漆 quality warning",
    then: "Press Send, then try it as a customer: /review 2 MUG-300 杯口掉漆了 (sandbox only).",
  },
  {
    title: "The T0 war room",
    as: "U0LEAD",
    place: "C0PROMO",
    then: "Set the clock to 11 Nov 00:00 (Go), then +1 h a step: a warning at 12:00; Open runbook → Stock-out.",
  },
  {
    title: "A storm",
    as: "U0SUPER",
    place: "C0CS2",
    then: "Press ⛈ Storm in the clock bar: 300 cases breach at once and #cs-tier2 rolls them up.",
  },
];

let open = localStorage.getItem("shopops.try") !== "closed";
/** What to do next after the last step picked: shown under the steps, never over the page. */
let tip = "";

export function tryThis(): HTMLElement {
  // The sidebar is redrawn only when who or where changes: the panel redraws itself.
  const toggle = () => {
    open = !open;
    localStorage.setItem("shopops.try", open ? "open" : "closed");
    panel.replaceWith(tryThis());
  };
  const steps = STEPS.map((st) =>
    h(
      "li",
      {},
      h(
        "button",
        {
          class: "try-step",
          title: st.then,
          onClick: () => {
            if (s.as !== st.as) switchTo(st.as);
            go(st.place);
            if (st.text) s.draft = st.text;
            tip = st.then;
            panel.replaceWith(tryThis());
            redraw();
          },
        },
        st.title,
      ),
    ),
  );
  const panel = h(
    "div",
    { class: "try-this" },
    h("button", { class: "section-title try-toggle", "aria-expanded": String(open), onClick: toggle }, "Try this"),
    open ? h("ol", { class: "try-steps" }, ...steps) : null,
    open && tip ? h("p", { class: "try-tip", role: "status" }, tip) : null,
  );
  return panel;
}

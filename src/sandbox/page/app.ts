// The sandbox page: a small Slack for one demo team. Pick who you are, open a channel, a DM or
// the App Home tab, type slash commands and messages, press buttons, fill modals, move the clock.
// Everything goes to the real bot through the stand-in; the page redraws on every change.
import { h } from "./dom.ts";
import { clockBar, showClock, sidebar } from "./chrome.ts";
import { composer } from "./composer.ts";
import { messageView } from "./message.ts";
import { closeTopOnEscape, homeView, modal } from "./modal.ts";
import { channelLabel, load, names, s, setRenderer } from "./session.ts";
import { canvasView } from "./canvas.ts";
import { listView } from "./list.ts";
import type { Msg, State } from "./types.ts";

/** A tab beside a channel's messages: a canvas or a List. */
type Tab = { id: string; label: string };

const app = document.getElementById("app")!;

function render(): void {
  if (!s.state) return;
  const st = s.state;
  // Like Slack: a channel opens at its latest message, and stays there as messages arrive unless
  // the person scrolled up to read.
  const before = app.querySelector(".pane .messages");
  const atBottom =
    !before || shownPlace !== s.place || before.scrollTop + before.clientHeight >= before.scrollHeight - 40;
  const scroll = before?.scrollTop ?? 0;
  shownPlace = s.place;
  const focused = document.activeElement as HTMLTextAreaElement | null;
  const refocus = focused?.classList.contains("composer-input")
    ? { inThread: Boolean(focused.closest(".thread")), at: focused.selectionStart }
    : undefined;
  document.body.dataset.demo = st.demo;
  // Each part of the page is rebuilt only when what it shows changed, so that a live update
  // elsewhere never pulls a button from under the pointer or a box from under the cursor.
  const inPlace = st.messages.filter((m) => m.channel === s.place);
  put("clock", [st.demo, s.as, JSON.stringify(st.storm), st.people.map((p) => p.tz)], () => clockBar());
  showClock(slots.clock);
  put("sidebar", [s.as, s.place, st.people, st.channels], () => sidebar());
  const tabs = tabsOf(st);
  const open = tabs.find((c) => c.id === s.canvas);
  const doc = [...(st.canvases ?? []), ...(st.lists ?? [])].find((c) => c.id === open?.id);
  put("main", [s.as, s.place, s.place === "HOME" ? st.home : inPlace, st.shortcuts, doc, tabs, s.canvas], () =>
    mainPane(inPlace, tabs, open),
  );
  const threadMsgs =
    s.thread && s.place !== "HOME" ? inPlace.filter((m) => m.ts === s.thread || m.threadTs === s.thread) : [];
  put("side", [s.as, s.place, s.thread, threadMsgs], () => {
    if (!s.thread || s.place === "HOME") return "";
    const parent = threadMsgs.find((m) => m.ts === s.thread);
    const replies = threadMsgs.filter((m) => m.ts !== s.thread);
    return h(
      "aside",
      { class: "thread" },
      h(
        "header",
        { class: "pane-title" },
        "Thread",
        h(
          "button",
          { class: "btn icon", "aria-label": "Close thread", onClick: () => ((s.thread = undefined), render()) },
          "✕",
        ),
      ),
      parent ? messageView(parent, true) : null,
      h("div", { class: "messages" }, ...replies.map((r) => messageView(r, true))),
      composer(s.place, s.thread),
    );
  });
  put("notice", [s.notice], () =>
    s.notice ? h("div", { class: "notice", role: "status", onClick: () => ((s.notice = ""), render()) }, s.notice) : "",
  );
  const top = st.views[st.views.length - 1];
  put("overlay", top ? [top.id, top.view, s.modalErrors] : [], () => modal() ?? "");
  // A modal takes the focus when it opens (its first field), as Slack's does.
  const dialog = app.querySelector<HTMLElement>(".overlay .modal");
  if (dialog && !dialog.contains(document.activeElement))
    dialog.querySelector<HTMLElement>("input, textarea, select, button")?.focus();
  const list = app.querySelector(".pane .messages");
  if (list) list.scrollTop = atBottom ? list.scrollHeight : scroll;
  if (refocus && !dialog && document.activeElement !== focused) {
    const box = app.querySelector<HTMLTextAreaElement>(
      refocus.inThread ? ".thread .composer-input" : ".pane .composer-input",
    );
    box?.focus();
    if (box && refocus.at !== null) box.setSelectionRange(refocus.at, refocus.at);
  }
}

/** The channel's canvases and Lists, as tabs beside its messages. */
const tabsOf = (st: State): Tab[] => [
  ...(st.canvases ?? []).filter((c) => c.channel === s.place).map((c) => ({ id: c.id, label: `📄 ${c.title}` })),
  ...(st.lists ?? []).filter((l) => l.channel === s.place).map((l) => ({ id: l.id, label: `📋 ${l.name}` })),
];

/** The place: Home, a canvas or List tab (opened at its top), or the messages and the box. */
function mainPane(inPlace: Msg[], tabs: Tab[], open: Tab | undefined): HTMLElement {
  const main = h("main", { class: "pane" });
  if (s.place === "HOME") return (main.append(homeView()), main);
  const title = h("header", { class: "pane-title" }, channelLabel(s.place), channelTabs(tabs, open));
  const canvas = s.state!.canvases?.find((c) => c.id === open?.id);
  const slackList = s.state!.lists?.find((l) => l.id === open?.id);
  if (canvas || slackList) {
    const doc = canvas ? canvasView(canvas, names) : listView(slackList!, names);
    main.append(title, h("div", { class: "canvas-pane" }, doc));
    return main;
  }
  const list = h("div", { class: "messages" });
  for (const m of inPlace.filter((m) => !m.threadTs || m.threadTs === m.ts)) list.append(messageView(m, false));
  main.append(title, list, composer(s.place));
  return main;
}

/** Like Slack's channel header: Messages, then a tab per canvas in the channel. */
function channelTabs(tabs: Tab[], open: Tab | undefined): HTMLElement | string {
  if (!tabs.length) return "";
  const tab = (label: string, id: string | undefined) =>
    h(
      "button",
      {
        class: `tab${(open?.id ?? undefined) === id ? " on" : ""}`,
        role: "tab",
        "aria-selected": String((open?.id ?? undefined) === id),
        onClick: () => ((s.canvas = id), render()),
      },
      label,
    );
  return h(
    "nav",
    { class: "tabs", role: "tablist" },
    tab("Messages", undefined),
    ...tabs.map((c) => tab(c.label, c.id)),
  );
}

let shownPlace = "";
const slots = {
  clock: h("div"),
  sidebar: h("div", { class: "slot" }),
  main: h("div", { class: "slot grow" }),
  side: h("div", { class: "slot" }),
  notice: h("div"),
  overlay: h("div"),
};
const shown: Partial<Record<keyof typeof slots, string>> = {};
function put(slot: keyof typeof slots, key: unknown, build: () => Node | string): void {
  const k = JSON.stringify(key);
  if (shown[slot] === k) return;
  shown[slot] = k;
  slots[slot].replaceChildren(build());
}
app.replaceChildren(
  slots.clock,
  h("div", { class: "layout" }, slots.sidebar, slots.main, slots.side),
  slots.notice,
  slots.overlay,
);

setRenderer(render);
document.addEventListener("keydown", closeTopOnEscape);
new EventSource("/sandbox/events").onmessage = () => void load();
void load();

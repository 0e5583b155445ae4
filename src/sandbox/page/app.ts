// The sandbox page: a small Slack for one demo team. Pick who you are, open a channel, a DM or
// the App Home tab, type slash commands and messages, press buttons, fill modals, move the clock.
// Everything goes to the real bot through the stand-in; the page redraws on every change.
import { h, renderBlocks, text, type Ctx } from "./blocks.ts";
import { mrkdwn, type Names } from "./mrkdwn.ts";
import { dmId, isEmpty, zoneTime, type Json, type Msg, type State } from "./types.ts";

const app = document.getElementById("app")!;
let state: State | undefined;
let as = localStorage.getItem("shopops.as") ?? "U0LEAD";
let place = localStorage.getItem("shopops.place") ?? "C0PROMO";
let thread: string | undefined;
let modalErrors: Record<string, string> = {};
let modalState: Record<string, Record<string, Json>> = {};
let modalFor = "";
let draft = "";
let notice = "";

async function post(path: string, body: Json): Promise<Json> {
  const r = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ as, ...body }),
  });
  const j = (await r.json().catch(() => ({}))) as Json;
  if (!r.ok) notice = j.error ?? `HTTP ${r.status}`;
  return j;
}

async function load(): Promise<void> {
  state = (await (await fetch(`/sandbox/api/state?as=${encodeURIComponent(as)}`)).json()) as State;
  render();
}

const person = (id?: string) => state?.people.find((p) => p.id === id);
const names: Names = {
  person: (id) => person(id)?.realName ?? person(id)?.name,
  channel: (id) => state?.channels.find((c) => c.id === id)?.name,
};

function ctxFor(act: (a: Json) => void, modal = false): Ctx {
  return {
    names,
    people: state!.people,
    channels: state!.channels,
    act,
    state: modal ? modalState : undefined,
    errors: modal ? modalErrors : undefined,
    fileUrl: (id) => `/sandbox/file?id=${encodeURIComponent(id)}`,
  };
}

function messageView(m: Msg, inThread: boolean): HTMLElement {
  const me = person(as)!;
  const author = m.user ? (person(m.user)?.realName ?? m.user) : "shopops";
  const act = (a: Json) => void post("/sandbox/api/action", { channel: m.channel, ts: m.ts, action: a });
  const replies = state!.messages.filter((x) => x.threadTs === m.ts && x.channel === m.channel && x.ts !== m.ts);
  const menu = h("div", { class: "menu", hidden: true });
  for (const s of state!.shortcuts) {
    menu.append(
      h(
        "button",
        {
          class: "menu-item",
          onClick: () => {
            menu.hidden = true;
            void post("/sandbox/api/shortcut", { channel: m.channel, ts: m.ts, callbackId: s.callbackId });
          },
        },
        s.name,
      ),
    );
  }
  return h(
    "article",
    { class: `message ${m.ephemeralFor ? "ephemeral" : ""}`, "data-ts": m.ts, "data-author": m.user ?? "bot" },
    h(
      "header",
      {},
      h("strong", {}, author),
      m.user ? null : h("span", { class: "app-tag" }, "APP"),
      h("time", {}, zoneTime(Number(m.ts.split(".")[0]) * 1000, me.tz)),
      m.edited ? h("span", { class: "edited" }, "(edited)") : null,
      m.ephemeralFor ? h("span", { class: "only-you" }, "Only visible to you") : null,
      h(
        "div",
        { class: "message-menu" },
        h(
          "button",
          { class: "btn icon more", "aria-label": "Message actions", onClick: () => (menu.hidden = !menu.hidden) },
          "⋯",
        ),
        menu,
      ),
    ),
    m.blocks?.length ? renderBlocks(m.blocks, ctxFor(act)) : h("div", { class: "mrkdwn", html: mrkdwn(m.text, names) }),
    ...(m.files ?? []).map((f) =>
      f.mimetype.startsWith("image/")
        ? h(
            "figure",
            { class: "file" },
            h("img", { src: `/sandbox/file?id=${encodeURIComponent(f.id)}`, alt: f.title }),
            h("figcaption", {}, f.title),
          )
        : h("div", { class: "file" }, `📎 ${f.name}`),
    ),
    !inThread && replies.length
      ? h(
          "button",
          { class: "replies", onClick: () => ((thread = m.ts), render()) },
          `${replies.length} ${replies.length === 1 ? "reply" : "replies"}`,
        )
      : null,
    !inThread && !replies.length && !m.ephemeralFor
      ? h("button", { class: "replies subtle", onClick: () => ((thread = m.ts), render()) }, "Reply in thread")
      : null,
  );
}

function composer(channel: string, threadTs?: string): HTMLElement {
  const hints = h("ul", { class: "hints", hidden: true });
  const input = h("textarea", {
    class: "composer-input",
    rows: 1,
    placeholder: threadTs ? "Reply…" : `Message or /command in ${channelLabel(channel)}`,
    "aria-label": threadTs ? "Reply" : "Message",
  }) as HTMLTextAreaElement;
  input.value = threadTs ? "" : draft;
  const showHints = () => {
    const v = input.value;
    hints.replaceChildren();
    if (!v.startsWith("/") || v.includes(" ")) return void (hints.hidden = true);
    for (const c of state!.commands.filter((c) => c.command.startsWith(v))) {
      hints.append(
        h(
          "li",
          { onClick: () => ((input.value = `${c.command} `), input.focus(), (hints.hidden = true)) },
          h("b", {}, c.command),
          " ",
          h("span", {}, c.hint),
          h("small", {}, c.description),
        ),
      );
    }
    hints.hidden = hints.childElementCount === 0;
  };
  const send = async () => {
    const v = input.value.trim();
    if (!v) return;
    input.value = "";
    if (!threadTs) draft = "";
    if (v.startsWith("/")) await post("/sandbox/api/command", { channel, text: v });
    else await post("/sandbox/api/message", { channel, text: v, threadTs });
    await load();
  };
  input.addEventListener("input", () => {
    if (!threadTs) draft = input.value;
    showHints();
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      void send();
    }
  });
  return h(
    "div",
    { class: "composer" },
    hints,
    input,
    h("button", { class: "btn primary send", onClick: () => void send() }, "Send"),
  );
}

const channelLabel = (id: string) =>
  id === "HOME"
    ? "Home"
    : id.startsWith("D")
      ? "shopops (DM)"
      : `#${state!.channels.find((c) => c.id === id)?.name ?? id}`;

function sidebar(): HTMLElement {
  const me = person(as)!;
  const pick = h("select", {
    class: "as",
    "aria-label": "Acting as",
    onChange: (e: Event) => switchTo((e.target as HTMLSelectElement).value),
  }) as HTMLSelectElement;
  for (const p of state!.people)
    pick.append(h("option", { value: p.id, selected: p.id === as || undefined }, `${p.realName ?? p.name}`));
  const link = (id: string, label: string) =>
    h("button", { class: `nav ${place === id ? "active" : ""}`, "data-place": id, onClick: () => go(id) }, label);
  return h(
    "nav",
    { class: "sidebar" },
    h("div", { class: "brand" }, "shopops ", h("span", {}, "sandbox")),
    h("label", { class: "as-label" }, "Acting as", pick),
    h("div", { class: "me" }, `${me.title ?? ""} · ${me.locale ?? ""} · ${me.tz ?? ""}`),
    h("div", { class: "section-title" }, "Apps"),
    link("HOME", "🏠 shopops · Home"),
    link(dmId(as), "💬 shopops (DM)"),
    h("div", { class: "section-title" }, "Channels"),
    ...state!.channels.map((c) => link(c.id, `# ${c.name}`)),
  );
}

function clockBar(): HTMLElement {
  const now = state!.clock.now;
  const shift = (ms: number) => void post("/sandbox/api/clock", { shiftMs: ms }).then(load);
  const to = h("input", {
    type: "datetime-local",
    class: "clock-to",
    "aria-label": "Move the clock to",
  }) as HTMLInputElement;
  const zones = [...new Set(state!.people.map((p) => p.tz ?? "Asia/Shanghai"))];
  return h(
    "div",
    { class: "clockbar" },
    h(
      "span",
      { class: "clock-now", "data-now": now, title: zones.map((z) => `${z}: ${zoneTime(now, z)}`).join("\n") },
      "🕒 ",
      zoneTime(now, person(as)?.tz),
      ` (${person(as)?.tz ?? ""})`,
    ),
    h(
      "span",
      { class: "zones" },
      zones.map((z) => `${z.split("/")[1]?.replace("_", " ")} ${zoneTime(now, z).slice(-5)}`).join(" · "),
    ),
    h("button", { class: "btn", onClick: () => shift(3600_000) }, "+1 h"),
    h("button", { class: "btn", onClick: () => shift(2 * 3600_000) }, "+2 h"),
    h("button", { class: "btn", onClick: () => shift(86_400_000) }, "+1 day"),
    to,
    h(
      "button",
      {
        class: "btn",
        onClick: () => to.value && void post("/sandbox/api/clock", { to: new Date(to.value).toISOString() }).then(load),
      },
      "Go",
    ),
    h("button", { class: "btn", onClick: () => void post("/sandbox/api/clock", { reset: true }).then(load) }, "Now"),
    state!.demo === "none"
      ? h(
          "button",
          { class: "btn primary", onClick: () => void post("/sandbox/api/demo", {}).then(load) },
          "Load demo data",
        )
      : h("span", { class: "demo" }, state!.demo === "loading" ? "Loading demo data…" : ""),
    stormButton(),
  );
}

/**
 * The storm demo: 300 urgent cases opened through the form, then the clock moved past their 2 h
 * response clock, so that a new team can watch the tier channels turn a burst into roll-ups.
 */
function stormButton(): HTMLElement | string {
  const st = state!.storm;
  if (state!.demo !== "ready") return "";
  if (st?.running) return h("span", { class: "demo" }, `⛈ Storm: ${st.opened}/${st.total} cases opened…`);
  return h(
    "button",
    {
      class: "btn",
      title: "Open 300 urgent cases, then move the clock past their 2 h response clock: watch #cs-tier2",
      onClick: () => void post("/sandbox/api/storm", { as }).then(load),
    },
    "⛈ Storm: 300 cases breach",
  );
}

function homeView(): HTMLElement {
  const act = (a: Json) => void post("/sandbox/api/action", { home: true, action: a });
  return h(
    "section",
    { class: "home" },
    h("h2", {}, "shopops · Home"),
    state!.home
      ? renderBlocks(state!.home.blocks ?? [], ctxFor(act))
      : h("p", { class: "empty" }, "Opening the Home tab…"),
  );
}

function modal(): HTMLElement | null {
  const top = state!.views[state!.views.length - 1];
  if (!top) return null;
  if (modalFor !== top.id) {
    modalFor = top.id;
    modalState = {};
    modalErrors = {};
  }
  const v = top.view;
  const act = (a: Json) => void post("/sandbox/api/action", { viewId: top.id, action: a, values: modalState });
  const body = renderBlocks(v.blocks ?? [], ctxFor(act, true));
  const submit = async () => {
    // Slack's client refuses to send a form with an empty required field and says so under it;
    // everything else is the bot's to judge (response_action: errors).
    const missing = Object.fromEntries(
      ((v.blocks ?? []) as Json[])
        .filter((b) => b.type === "input" && !b.optional && isEmpty(modalState[b.block_id]?.[b.element?.action_id]))
        .map((b) => [b.block_id, "Please complete this required field."]),
    );
    if (Object.keys(missing).length) {
      modalErrors = missing;
      return render();
    }
    const r = await post("/sandbox/api/view/submit", { viewId: top.id, values: modalState });
    modalErrors = (r.errors as Record<string, string>) ?? {};
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
          v.close?.text ?? "Cancel",
        ),
        v.submit ? h("button", { class: "btn primary", onClick: () => void submit() }, v.submit.text) : null,
      ),
    ),
  );
}

function render(): void {
  if (!state) return;
  const st = state;
  // Like Slack: a channel opens at its latest message, and stays there as messages arrive unless
  // the person scrolled up to read.
  const before = app.querySelector(".pane .messages");
  const atBottom =
    !before || shownPlace !== place || before.scrollTop + before.clientHeight >= before.scrollHeight - 40;
  const scroll = before?.scrollTop ?? 0;
  shownPlace = place;
  const focused = document.activeElement as HTMLTextAreaElement | null;
  const refocus = focused?.classList.contains("composer-input")
    ? { inThread: Boolean(focused.closest(".thread")), at: focused.selectionStart }
    : undefined;
  document.body.dataset.demo = st.demo;
  // Each part of the page is rebuilt only when what it shows changed, so that a live update
  // elsewhere never pulls a button from under the pointer or a box from under the cursor.
  const inPlace = st.messages.filter((m) => m.channel === place);
  put("clock", [st.clock, st.demo, as, JSON.stringify(st.storm)], () => clockBar());
  put("sidebar", [as, place, st.people, st.channels], () => sidebar());
  put("main", [as, place, place === "HOME" ? st.home : inPlace, st.shortcuts], () => {
    const main = h("main", { class: "pane" });
    if (place === "HOME") main.append(homeView());
    else {
      const list = h("div", { class: "messages" });
      for (const m of inPlace.filter((m) => !m.threadTs || m.threadTs === m.ts)) list.append(messageView(m, false));
      main.append(h("header", { class: "pane-title" }, channelLabel(place)), list, composer(place));
    }
    return main;
  });
  const threadMsgs = thread && place !== "HOME" ? inPlace.filter((m) => m.ts === thread || m.threadTs === thread) : [];
  put("side", [as, place, thread, threadMsgs], () => {
    if (!thread || place === "HOME") return "";
    const parent = threadMsgs.find((m) => m.ts === thread);
    const replies = threadMsgs.filter((m) => m.ts !== thread);
    return h(
      "aside",
      { class: "thread" },
      h(
        "header",
        { class: "pane-title" },
        "Thread",
        h(
          "button",
          { class: "btn icon", "aria-label": "Close thread", onClick: () => ((thread = undefined), render()) },
          "✕",
        ),
      ),
      parent ? messageView(parent, true) : null,
      h("div", { class: "messages" }, ...replies.map((r) => messageView(r, true))),
      composer(place, thread),
    );
  });
  put("notice", [notice], () =>
    notice ? h("div", { class: "notice", role: "status", onClick: () => ((notice = ""), render()) }, notice) : "",
  );
  const top = st.views[st.views.length - 1];
  put("overlay", top ? [top.id, top.view, modalErrors] : [], () => modal() ?? "");
  const list = app.querySelector(".pane .messages");
  if (list) list.scrollTop = atBottom ? list.scrollHeight : scroll;
  if (refocus && document.activeElement !== focused) {
    const box = app.querySelector<HTMLTextAreaElement>(
      refocus.inThread ? ".thread .composer-input" : ".pane .composer-input",
    );
    box?.focus();
    if (box && refocus.at !== null) box.setSelectionRange(refocus.at, refocus.at);
  }
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

function go(id: string): void {
  place = id;
  thread = undefined;
  localStorage.setItem("shopops.place", id);
  if (id === "HOME") void post("/sandbox/api/home", {});
  void load();
}

function switchTo(id: string): void {
  as = id;
  localStorage.setItem("shopops.as", id);
  if (place.startsWith("D")) place = dmId(id);
  go(place);
}

new EventSource("/sandbox/events").onmessage = () => void load();
void load();

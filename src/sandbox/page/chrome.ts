// The page around the conversation: the sidebar (who you act as, where you are) and the clock bar.
import { h } from "./dom.ts";
import { go, load, person, post, s, switchTo } from "./session.ts";
import { dmId, wallTimeIn, zoneTime } from "./types.ts";
import { word } from "./words.ts";
import { tryThis } from "./try-this.ts";

export function sidebar(): HTMLElement {
  const me = person(s.as)!;
  const pick = h("select", {
    class: "as",
    "aria-label": word("actingAs"),
    onChange: (e: Event) => switchTo((e.target as HTMLSelectElement).value),
  }) as HTMLSelectElement;
  for (const p of s.state!.people)
    pick.append(h("option", { value: p.id, selected: p.id === s.as || undefined }, `${p.realName ?? p.name}`));
  const link = (id: string, label: string) =>
    h("button", { class: `nav ${s.place === id ? "active" : ""}`, "data-place": id, onClick: () => go(id) }, label);
  return h(
    "nav",
    { class: "sidebar" },
    h("div", { class: "brand" }, "shopops ", h("span", {}, "sandbox")),
    h("label", { class: "as-label" }, word("actingAs"), pick),
    h("div", { class: "me" }, `${me.title ?? ""} · ${me.locale ?? ""} · ${me.tz ?? ""}`),
    h("div", { class: "section-title" }, "Apps"),
    link("HOME", "🏠 shopops · Home"),
    link(dmId(s.as), "💬 shopops (DM)"),
    h("div", { class: "section-title" }, "Channels"),
    ...s.state!.channels.map((c) => link(c.id, `# ${c.name}`)),
    tryThis(),
  );
}

const zonesOf = () => [...new Set(s.state!.people.map((p) => p.tz ?? "Asia/Shanghai"))];

/**
 * The clock bar's time, brought up to date in place: every live update brings a new "now", and
 * rebuilding the bar for it emptied the date box while someone was typing in it (the README's
 * "Go to 11 November" then moved nothing, and +1 h went on from today).
 */
export function showClock(bar: ParentNode): void {
  const now = s.state!.clock.now;
  const zones = zonesOf();
  const at = bar.querySelector<HTMLElement>(".clock-now");
  if (at && at.dataset.now !== now) {
    at.dataset.now = now;
    at.title = zones.map((z) => `${z}: ${zoneTime(now, z)}`).join("\n");
    at.textContent = `🕒 ${zoneTime(now, person(s.as)?.tz)} (${person(s.as)?.tz ?? ""})`;
  }
  const line = bar.querySelector<HTMLElement>(".zones");
  if (line)
    line.textContent = zones
      .map((z) => `${z.split("/")[1]?.replace("_", " ")} ${zoneTime(now, z).slice(-5)}`)
      .join(" · ");
}

/**
 * The clock bar, built again only when who acts, the demo, the storm or the people's zones
 * changed; its time is empty until showClock fills it (app.ts, after every render).
 */
export function clockBar(): HTMLElement {
  const tz = person(s.as)?.tz ?? "Asia/Shanghai";
  const shift = (ms: number) => void post("/sandbox/api/clock", { shiftMs: ms }).then(load);
  const to = h("input", {
    type: "datetime-local",
    class: "clock-to",
    "aria-label": "Move the clock to",
  }) as HTMLInputElement;
  return h(
    "div",
    { class: "clockbar" },
    h("span", { class: "clock-now" }),
    h("span", { class: "zones" }),
    h("button", { class: "btn", onClick: () => shift(3600_000) }, "+1 h"),
    h("button", { class: "btn", onClick: () => shift(2 * 3600_000) }, "+2 h"),
    h("button", { class: "btn", onClick: () => shift(86_400_000) }, "+1 day"),
    to,
    h(
      "button",
      {
        class: "btn",
        title: `The time in the box is read in ${tz} (the acting person's zone)`,
        onClick: () =>
          to.value && void post("/sandbox/api/clock", { to: wallTimeIn(to.value, tz).toISOString() }).then(load),
      },
      `Go (${tz.split("/")[1]?.replace("_", " ") ?? tz})`,
    ),
    h("button", { class: "btn", onClick: () => void post("/sandbox/api/clock", { reset: true }).then(load) }, "Now"),
    s.state!.demo === "none"
      ? h(
          "button",
          { class: "btn primary", onClick: () => void post("/sandbox/api/demo", {}).then(load) },
          word("loadDemo"),
        )
      : h("span", { class: "demo" }, s.state!.demo === "loading" ? word("loadingDemo") : ""),
    stormButton(),
  );
}

/**
 * The storm demo: 300 urgent cases opened through the form, then the clock moved past their 2 h
 * response clock, so that a new team can watch the tier channels turn a burst into roll-ups.
 */
export function stormButton(): HTMLElement | string {
  const st = s.state!.storm;
  if (s.state!.demo !== "ready") return "";
  if (st?.running) return h("span", { class: "demo" }, `⛈ Storm: ${st.opened}/${st.total} cases opened…`);
  return h(
    "button",
    {
      class: "btn",
      title: "Open 300 urgent cases, then move the clock past their 2 h response clock: watch #cs-tier2",
      onClick: () => void post("/sandbox/api/storm", { as: s.as }).then(load),
    },
    "⛈ Storm: 300 cases breach",
  );
}

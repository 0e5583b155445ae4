// The message box: slash commands, messages and thread replies, with Slack's suggestions for
// commands, @people and #channels (composer-hints.ts).
import { h } from "./dom.ts";
import { hintsFor } from "./composer-hints.ts";
import { word } from "./words.ts";
import { channelLabel, load, post, s } from "./session.ts";

async function attach(file: File, channel: string, text: string): Promise<void> {
  const q = new URLSearchParams({ as: s.as, channel, name: file.name, text });
  const r = await fetch(`/sandbox/api/upload?${q.toString()}`, { method: "POST", body: await file.arrayBuffer() });
  if (!r.ok) s.notice = ((await r.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${r.status}`;
  await load();
}

/** ↑/↓ move through the suggestions, as in Slack. */
function moveHint(hints: HTMLElement, step: number): number {
  const items = [...hints.children] as HTMLElement[];
  const at = items.findIndex((li) => li.classList.contains("active"));
  const next = (at + step + items.length) % items.length;
  markHint(hints, next);
  items[next]!.scrollIntoView({ block: "nearest" });
  return next;
}

/** The main box's suggestions closed: nothing to keep across a redraw. */
function forgetHints(): void {
  s.hinting = false;
  s.hintAt = -1;
}

const markHint = (hints: HTMLElement, at: number) =>
  [...hints.children].forEach((li, i) => li.classList.toggle("active", i === at));

export function composer(channel: string, threadTs?: string): HTMLElement {
  const hints = h("ul", { class: "hints", hidden: true });
  const input = h("textarea", {
    class: "composer-input",
    rows: 1,
    placeholder: threadTs ? word("replyBox") : `${word("messageBox")} ${channelLabel(channel)}`,
    "aria-label": threadTs ? "Reply" : "Message",
  }) as HTMLTextAreaElement;
  input.value = threadTs ? "" : s.draft;
  const pick = (replacement: string, from: number) => {
    const at = input.selectionStart ?? input.value.length;
    input.value = `${input.value.slice(0, from)}${replacement} ${input.value.slice(at)}`;
    const caret = from + replacement.length + 1;
    input.setSelectionRange(caret, caret);
    input.focus();
    hide();
    if (!threadTs) s.draft = input.value;
  };
  const hide = () => {
    hints.hidden = true;
    if (!threadTs) forgetHints();
  };
  const showHints = (chosen = -1) => {
    hints.replaceChildren();
    for (const hint of hintsFor(input.value, input.selectionStart ?? input.value.length, pick)) hints.append(hint);
    hints.hidden = hints.childElementCount === 0;
    markHint(hints, chosen);
    if (!threadTs) Object.assign(s, { hinting: !hints.hidden, hintAt: chosen });
  };
  const send = async () => {
    const v = input.value.trim();
    if (!v) return;
    input.value = "";
    hide();
    if (!threadTs) s.draft = "";
    if (v.startsWith("/")) await post("/sandbox/api/command", { channel, text: v });
    else await post("/sandbox/api/message", { channel, text: v, threadTs });
    await load();
  };
  input.addEventListener("input", () => {
    if (!threadTs) s.draft = input.value;
    showHints();
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Escape") hide();
    else if ((e.key === "ArrowDown" || e.key === "ArrowUp") && !hints.hidden && hints.firstElementChild) {
      e.preventDefault();
      const at = moveHint(hints, e.key === "ArrowDown" ? 1 : -1);
      if (!threadTs) s.hintAt = at;
    } else if ((e.key === "Tab" || e.key === "Enter") && !hints.hidden && hints.firstElementChild) {
      // As in Slack: with the list open, Enter or Tab takes the chosen suggestion (the first).
      e.preventDefault();
      ((hints.querySelector("li.active") ?? hints.firstElementChild) as HTMLElement).click();
    } else if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      void send();
    }
  });
  // Attach: the file is shared on a message of its own (with the box's text), as in Slack.
  const picker = h("input", { type: "file", hidden: true, "aria-label": "Attach a file" }) as HTMLInputElement;
  picker.addEventListener("change", () => {
    const file = picker.files?.[0];
    if (file) void attach(file, channel, input.value.trim()).then(() => ((input.value = ""), (s.draft = "")));
    picker.value = "";
  });
  // The page is drawn again when news arrives: suggestions open before it stay open, so an Enter
  // meant for the first suggestion never sends the half-typed message instead.
  // So does the suggestion chosen with ↑/↓.
  if (!threadTs && s.hinting) showHints(s.hintAt);
  return h(
    "div",
    { class: "composer" },
    hints,
    picker,
    threadTs ? "" : h("button", { class: "btn attach", title: word("attach"), onClick: () => picker.click() }, "📎"),
    input,
    h("button", { class: "btn primary send", onClick: () => void send() }, word("send")),
  );
}

// What the page knows and shares between its parts: the workspace state from the stand-in, who
// the visitor acts as, where they are, and what they are typing. Every part redraws through
// redraw(), which app.ts points at its renderer.
import type { Ctx } from "./dom.ts";
import type { Names } from "./mrkdwn.ts";
import { dmId, type Json, type State } from "./types.ts";

export const s = {
  state: undefined as State | undefined,
  as: localStorage.getItem("shopops.as") ?? "U0LEAD",
  place: localStorage.getItem("shopops.place") ?? "C0PROMO",
  thread: undefined as string | undefined,
  modalErrors: {} as Record<string, string>,
  modalState: {} as Record<string, Record<string, Json>>,
  modalFor: "",
  draft: "",
  /** The canvas tab open in this channel instead of its messages. */
  canvas: undefined as string | undefined,
  /** The message box's suggestions are open: a redraw (news arriving) keeps them open. */
  hinting: false,
  /** Which suggestion ↑/↓ chose (-1: none yet), kept across a redraw like the list itself. */
  hintAt: -1,
  notice: "",
};

let renderer = (): void => {};
export const setRenderer = (r: () => void): void => void (renderer = r);
export const redraw = (): void => renderer();

export async function post(path: string, body: Json): Promise<Json> {
  const r = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ as: s.as, ...body }),
  });
  const j = (await r.json().catch(() => ({}))) as Json;
  if (!r.ok) s.notice = j.error ?? `HTTP ${r.status}`;
  return j;
}

export async function load(): Promise<void> {
  s.state = (await (await fetch(`/sandbox/api/state?as=${encodeURIComponent(s.as)}`)).json()) as State;
  redraw();
}

export const person = (id?: string) => s.state?.people.find((p) => p.id === id);
export const names: Names = {
  person: (id) => person(id)?.realName ?? person(id)?.name,
  channel: (id) => s.state?.channels.find((c) => c.id === id)?.name,
};

export function ctxFor(act: (a: Json) => void, modal = false): Ctx {
  return {
    names,
    people: s.state!.people,
    channels: s.state!.channels,
    act,
    state: modal ? s.modalState : undefined,
    errors: modal ? s.modalErrors : undefined,
    fileUrl: (id) => `/sandbox/file?id=${encodeURIComponent(id)}`,
  };
}

export const channelLabel = (id: string) =>
  id === "HOME"
    ? "Home"
    : id.startsWith("D")
      ? "shopops (DM)"
      : `#${s.state!.channels.find((c) => c.id === id)?.name ?? id}`;

export function go(id: string): void {
  s.place = id;
  s.thread = undefined;
  localStorage.setItem("shopops.place", id);
  if (id === "HOME") void post("/sandbox/api/home", {});
  void load();
}

export function switchTo(id: string): void {
  s.as = id;
  localStorage.setItem("shopops.as", id);
  if (s.place.startsWith("D")) s.place = dmId(id);
  go(s.place);
}

// The page's DOM helpers and what every Block Kit renderer is given.
import { mrkdwn, plain, type Names } from "./mrkdwn.ts";

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
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

// What /promo accepts and the payloads of its modals, validated before anything is written.
import { z } from "zod";
import { KINDS, type Kind } from "./rules.ts";

export type PromoCommand =
  | { sub: "new-form" }
  | { sub: "new"; name: string; date: string; channelId?: string; kind: Kind; template?: string }
  | { sub: "list" }
  | { sub: "mirror"; ref: string }
  | { sub: "calendar"; year?: number }
  | { sub: "move"; ref: string; date: string }
  | { sub: "cancel" | "gate" | "retro" | "report"; ref: string }
  | { sub: "template-list" | "template-import" }
  | { sub: "template-export"; name: string }
  | { sub: "warroom"; ref: string; action: "start" | "stop" | "plan"; store?: string; every?: string; plan?: string }
  | { sub: "warroom-rules"; ref: string; levels: string[] }
  | { sub: "runbook"; ref: string; key?: string };

export type PromoParse =
  { ok: true; cmd: PromoCommand } | { ok: false; usage: "promo.usage" | "promo.usage.new" | "t0.usage" };

const dateLike = /^\d{4}-\d{1,2}-\d{1,2}$/;
const ref = /^#?\d+$/;

/** Guesses the kind from the name people actually type: 双11, 雙11, 618, 年货节… */
export function kindFromName(name: string): Kind {
  const n = name.toLowerCase().replace(/\s+/g, "");
  if (/双11|雙11|double11|1111/.test(n)) return "double11";
  if (/双12|雙12|double12|1212/.test(n)) return "double12";
  if (/618/.test(n)) return "618";
  if (/年货节|年貨節|newyear/.test(n)) return "newyear";
  if (/品牌日|brandday/.test(n)) return "brandday";
  return "custom";
}

export function parsePromoCommand(text: string): PromoParse {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const sub = (words[0] ?? "").toLowerCase();
  const rest = words.slice(1);
  const usage: PromoParse = { ok: false, usage: "promo.usage" };
  switch (sub) {
    case "new":
      return parseNew(rest);
    case "list":
      // `/promo list 3`: that promotion's checklist as a Slack List; `/promo list`: every promotion.
      if (rest.length === 1 && ref.test(rest[0]!)) return { ok: true, cmd: { sub: "mirror", ref: rest[0]! } };
      return rest.length ? usage : { ok: true, cmd: { sub: "list" } };
    case "calendar": {
      const y = rest[0] ? Number(rest[0]) : undefined;
      if (y !== undefined && !(Number.isInteger(y) && y >= 2020 && y <= 2100)) return usage;
      return { ok: true, cmd: { sub: "calendar", year: y } };
    }
    case "move":
      return rest.length === 2 && ref.test(rest[0]!) && dateLike.test(rest[1]!)
        ? { ok: true, cmd: { sub: "move", ref: rest[0]!, date: normaliseDate(rest[1]!) } }
        : usage;
    case "cancel":
    case "gate":
    case "retro":
    case "report":
      return rest.length === 1 && ref.test(rest[0]!) ? { ok: true, cmd: { sub, ref: rest[0]! } } : usage;
    case "template": {
      const what = (rest[0] ?? "list").toLowerCase();
      if (what === "list") return { ok: true, cmd: { sub: "template-list" } };
      if (what === "import") return { ok: true, cmd: { sub: "template-import" } };
      if (what === "export") return { ok: true, cmd: { sub: "template-export", name: rest[1] ?? "builtin" } };
      return usage;
    }
    case "warroom":
    case "作战室":
    case "作戰室":
      return parseWarroom(rest);
    case "runbook":
    case "预案":
    case "預案":
      return ref.test(rest[0] ?? "") && rest.length <= 2
        ? { ok: true, cmd: { sub: "runbook", ref: rest[0]!, key: rest[1]?.toLowerCase() } }
        : { ok: false, usage: "t0.usage" };
    default:
      return usage;
  }
}

/** new <name> <date> [#channel] [kind] [template]: no words, the form. */
function parseNew(rest: string[]): PromoParse {
  if (rest.length === 0) return { ok: true, cmd: { sub: "new-form" } };
  const at = rest.findIndex((w) => dateLike.test(w));
  if (at < 1) return { ok: false, usage: "promo.usage.new" };
  const name = rest.slice(0, at).join(" ").slice(0, 80);
  let channelId: string | undefined;
  let kind: Kind | undefined;
  let template: string | undefined;
  for (const w of rest.slice(at + 1)) {
    const ch = /^<#([CG][A-Z0-9]+)(\|[^>]*)?>$/.exec(w);
    if (ch) channelId = ch[1];
    else if ((KINDS as readonly string[]).includes(w.toLowerCase())) kind = w.toLowerCase() as Kind;
    else if (/^[a-z0-9_-]{1,40}$/.test(w)) template = w;
    else return { ok: false, usage: "promo.usage.new" };
  }
  const date = normaliseDate(rest[at]!);
  return { ok: true, cmd: { sub: "new", name, date, channelId, kind: kind ?? kindFromName(name), template } };
}

/** warroom 3 start [store] [every 10m | 10m] [plan 3000000]; the values are checked where used. */
function parseWarroom(rest: string[]): PromoParse {
  const t0usage: PromoParse = { ok: false, usage: "t0.usage" };
  const action = (rest[1] ?? "").toLowerCase();
  if (!ref.test(rest[0] ?? "") || !["start", "stop", "plan", "rules"].includes(action)) return t0usage;
  if (action === "rules")
    return rest.length === 5
      ? { ok: true, cmd: { sub: "warroom-rules", ref: rest[0]!, levels: rest.slice(2) } }
      : t0usage;
  if (action === "plan")
    return rest.length === 3 ? { ok: true, cmd: { sub: "warroom", ref: rest[0]!, action, plan: rest[2]! } } : t0usage;
  const cmd: PromoCommand & { sub: "warroom" } = { sub: "warroom", ref: rest[0]!, action: action as "start" | "stop" };
  const opts = rest.slice(2);
  for (let i = 0; i < opts.length; i++) {
    const w = opts[i]!;
    if (w.toLowerCase() === "every" || w === "每") cmd.every = opts[++i] ?? "";
    else if (w.toLowerCase() === "plan" || w === "计划" || w === "計劃") cmd.plan = opts[++i] ?? "";
    else if (/^\d+(s|m|h)$/.test(w)) cmd.every = w;
    else if (!cmd.store && /^[A-Za-z0-9_.-]{1,60}$/.test(w)) cmd.store = w;
    else return t0usage;
  }
  return { ok: true, cmd };
}

/** 2026-1-5 → 2026-01-05; an impossible date like 2026-02-30 stays impossible and is refused later. */
function normaliseDate(s: string): string {
  const [y, m, d] = s.split("-");
  return `${y}-${m!.padStart(2, "0")}-${d!.padStart(2, "0")}`;
}

const num = z
  .string()
  .trim()
  .transform((s) => s.replace(/[,，¥\s]/g, ""))
  .pipe(z.string().regex(/^\d+(\.\d+)?$/))
  .transform(Number);
export const optionalNumber = (v: string | null | undefined) =>
  v == null || v.trim() === "" ? { ok: true as const, value: undefined } : parseNumber(v);
export function parseNumber(v: string | null | undefined): { ok: true; value: number } | { ok: false } {
  const r = num.safeParse(v ?? "");
  return r.success ? { ok: true, value: r.data } : { ok: false };
}

export const ItemMenuValue = z.string().regex(/^(done|reopen|edit):[a-z0-9]{10,40}$/);
export const IdValue = z.string().regex(/^[a-z0-9]{10,40}$/);

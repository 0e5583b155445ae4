import { en, type MessageKey } from "../i18n/en.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { esc } from "./markup.ts";

export type Locale = "zh-CN" | "en";
export type { MessageKey };
export type Params = Record<string, string | number>;

const catalogues: Record<Locale, Record<MessageKey, string>> = { en, "zh-CN": zhCN };

const pluralRules = { en: new Intl.PluralRules("en"), "zh-CN": new Intl.PluralRules("zh-CN") } as const;

/**
 * A message in one locale. `{name}` slots are escaped for Slack (user and webhook data can never
 * turn into <!channel> or a link); `{!name}` slots take text that is already mrkdwn (mentions, a
 * list built from escaped parts, another translated message) and insert it as it is.
 * `{name|one|other}` picks the form for the number by the locale's plural rules (Intl.PluralRules),
 * with # standing for the number: `{days|# day|# days}` → "1 day", "2 days", never "1 day(s)".
 */
export function t(locale: Locale, key: MessageKey, params: Params = {}): string {
  const template = catalogues[locale][key] ?? en[key] ?? key;
  const plural = template.includes("|")
    ? template.replace(PLURAL, (m, name: string, one: string, other: string) => {
        const n = Number(params[name]);
        if (!(name in params) || !Number.isFinite(n)) return m;
        return (pluralRules[locale].select(n) === "one" ? one : other).replace(/#/g, String(n));
      })
    : template;
  return fill(slotsOf(plural), params);
}

const PLURAL = /\{(\w+)\|([^|}]*)\|([^}]*)\}/g;
const SLOT = /\{(!?)(\w+)\}/g;

/** A template cut at its slots: text, then [whole slot, raw, name], text, … (even: text). */
type Slots = (string | readonly [string, boolean, string])[];

// A storm of 20,000 escalations translates about 100,000 messages: each template is cut at its
// slots once (the catalogues' few hundred, and a plural's forms), not by a regex at every call.
const cut = new Map<string, Slots>();
function slotsOf(template: string): Slots {
  let slots = cut.get(template);
  if (slots) return slots;
  slots = [];
  let at = 0;
  for (const m of template.matchAll(SLOT)) {
    slots.push(template.slice(at, m.index), [m[0], m[1] === "!", m[2]!] as const);
    at = m.index + m[0].length;
  }
  slots.push(template.slice(at));
  // Templates a plural filled with a number are many; keep the cache to the catalogues' size.
  if (cut.size < 5_000) cut.set(template, slots);
  return slots;
}

function fill(slots: Slots, params: Params): string {
  if (slots.length === 1) return slots[0] as string;
  let out = "";
  for (const part of slots) {
    if (typeof part === "string") {
      out += part;
      continue;
    }
    const [whole, raw, name] = part;
    if (!(name in params)) out += whole;
    else {
      const v = params[name]!;
      out += raw || typeof v === "number" ? String(v) : esc(v);
    }
  }
  return out;
}

/** Maps a Slack locale (zh-CN, zh-TW, en-US, ja-JP…) to one we speak, or undefined. */
export function toLocale(slackLocale: string | null | undefined): Locale | undefined {
  if (!slackLocale) return undefined;
  const l = slackLocale.toLowerCase();
  if (l.startsWith("zh")) return "zh-CN";
  if (l.startsWith("en")) return "en";
  return undefined;
}

/** Messages in one locale; it says which (a roll-up built from its lines speaks the same). */
export type Translator = ((key: MessageKey, params?: Params) => string) & { readonly locale: Locale };
const translators = new Map<Locale, Translator>();
export const translator = (locale: Locale): Translator => {
  let tr = translators.get(locale);
  if (!tr)
    translators.set(
      locale,
      (tr = Object.assign((key: MessageKey, params?: Params) => t(locale, key, params), { locale })),
    );
  return tr;
};

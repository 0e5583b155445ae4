import { en, type MessageKey } from "../i18n/en.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { esc } from "./markup.ts";

export type Locale = "zh-CN" | "en";
export type { MessageKey };
export type Params = Record<string, string | number>;

const catalogues: Record<Locale, Record<MessageKey, string>> = { en, "zh-CN": zhCN };

/**
 * A message in one locale. `{name}` slots are escaped for Slack (user and webhook data can never
 * turn into <!channel> or a link); `{!name}` slots take text that is already mrkdwn (mentions, a
 * list built from escaped parts, another translated message) and insert it as it is.
 */
export function t(locale: Locale, key: MessageKey, params: Params = {}): string {
  const template = catalogues[locale][key] ?? en[key] ?? key;
  return template.replace(/\{(!?)(\w+)\}/g, (m, raw: string, name: string) => {
    if (!(name in params)) return m;
    const v = params[name]!;
    return raw || typeof v === "number" ? String(v) : esc(v);
  });
}

/** Maps a Slack locale (zh-CN, zh-TW, en-US, ja-JP…) to one we speak, or undefined. */
export function toLocale(slackLocale: string | null | undefined): Locale | undefined {
  if (!slackLocale) return undefined;
  const l = slackLocale.toLowerCase();
  if (l.startsWith("zh")) return "zh-CN";
  if (l.startsWith("en")) return "en";
  return undefined;
}

export type Translator = (key: MessageKey, params?: Params) => string;
export const translator =
  (locale: Locale): Translator =>
  (key, params) =>
    t(locale, key, params);

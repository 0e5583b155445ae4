// Templates are cut at their slots once and filled at each call (a storm translates 100,000
// messages); the result must be what the two regex passes gave, for every message in both
// languages, whatever the parameters: present or missing, numbers, text to escape, plurals.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { en, type MessageKey } from "../../src/i18n/en.ts";
import { zhCN } from "../../src/i18n/zh-CN.ts";
import { t, type Locale, type Params } from "../../src/infra/i18n.ts";
import { esc } from "../../src/infra/markup.ts";

/** The translation as it was before templates were cut: a regex pass for plurals, one for slots. */
function reference(locale: Locale, key: MessageKey, params: Params): string {
  const rules = new Intl.PluralRules(locale);
  const template = ((locale === "en" ? en : zhCN) as Record<string, string>)[key] ?? en[key] ?? key;
  const plural = template.replace(/\{(\w+)\|([^|}]*)\|([^}]*)\}/g, (m, name: string, one: string, other: string) => {
    const n = Number(params[name]);
    if (!(name in params) || !Number.isFinite(n)) return m;
    return (rules.select(n) === "one" ? one : other).replace(/#/g, String(n));
  });
  return plural.replace(/\{(!?)(\w+)\}/g, (m, raw: string, name: string) => {
    if (!(name in params)) return m;
    const v = params[name]!;
    return raw || typeof v === "number" ? String(v) : esc(v);
  });
}

const keys = Object.keys(en) as MessageKey[];
const namesIn = (key: MessageKey) => [
  ...new Set([...`${en[key]} ${(zhCN as Record<string, string>)[key] ?? ""}`.matchAll(/\{!?(\w+)/g)].map((m) => m[1]!)),
];
const value = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.double({ noNaN: false }),
  fc.string(),
  fc.constantFrom("<!channel>", "a & b", "<@U1>", "{x}", "#", "1"),
);

describe("translations cut at their slots", () => {
  it("give what the regex passes gave, for every message, language and parameters", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...keys),
        fc.constantFrom<Locale>("en", "zh-CN"),
        fc.array(fc.tuple(fc.boolean(), value), { maxLength: 8 }),
        (key, locale, picks) => {
          const params: Params = {};
          namesIn(key).forEach((name, i) => {
            const [given, v] = picks[i] ?? [true, 2];
            if (given) params[name] = v;
          });
          expect(t(locale, key, params)).toBe(reference(locale, key, params));
          // Twice: the second call reads the cut template.
          expect(t(locale, key, params)).toBe(reference(locale, key, params));
        },
      ),
      { numRuns: 3_000 },
    );
  });
});

// Keyword matching: one pass of one regular expression over each review for all keywords.
// Normalisation is compiled into the pattern instead of applied to every review: each Chinese
// character becomes a class of its simplified and traditional forms, each ASCII character a
// class with its full-width form, and the `i` flag covers letter case. Only a hit (rare) is
// normalised, to find which keyword it was, and checked for a negation in front of it.
import { T2S_PAIRS } from "./t2s.ts";

export const CATEGORIES = [
  "bad_review", "refund", "complaint", "regulator", "fake", "safety",
  "quality", "not_as_described", "logistics", "service_attitude", "slow_after_sales",
] as const;
export type Category = (typeof CATEGORIES)[number];
export const SEVERITIES = ["notice", "warning", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const CAUSES = ["quality", "not_as_described", "logistics", "service_attitude", "slow_after_sales", "other"] as const;
export type Cause = (typeof CAUSES)[number];

export interface Keyword {
  word: string;
  category: Category;
  severity: Severity;
}
export interface Hit extends Keyword {
  at: number;
}

// Traditional → simplified, one character at a time, from a table generated from opencc-js
// (scripts/gen-t2s.ts): folding needs no dictionary at run time.
const T2S = new Map<string, string>();
const S2T = new Map<string, string[]>();
const chars = [...T2S_PAIRS]; // by code point: a few simplified forms lie outside the BMP
for (let i = 0; i < chars.length; i += 2) {
  const [t, s] = [chars[i]!, chars[i + 1]!];
  T2S.set(t, s);
  S2T.set(s, [...(S2T.get(s) ?? []), t]);
}
const toSimp = (s: string) => s.replace(/[\u3400-\u9fff\uf900-\ufaff]/g, (c) => T2S.get(c) ?? c);

/** Case, width and script folded: the form keywords are stored and looked up in. */
export function normalise(s: string): string {
  const halfWidth = s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
  return toSimp(halfWidth).toLowerCase();
}

const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");

function charClass(c: string): string {
  if (/[a-z0-9]/i.test(c)) {
    const wide = [c.toLowerCase(), c.toUpperCase()].map((x) => String.fromCharCode(x.charCodeAt(0) + 0xfee0));
    return `[${escape(c)}${[...new Set(wide)].join("")}]`;
  }
  if (c === " ") return "[ \\u3000]+";
  const simp = toSimp(c);
  const forms = new Set([c, simp, ...(S2T.get(simp) ?? [])]);
  return forms.size === 1 ? escape(c) : `[${[...forms].map(escape).join("")}]`;
}

const CJK_NEGATORS = /(不|没|沒|无|無|非|别|別|未|不是|没有|沒有)$/;
const EN_NEGATORS = /\b(not|no|never|isn't|wasn't|aren't|weren't|don't|doesn't|didn't|hardly|without)\s+(\w+\s+)?$/i;

export class Matcher {
  private re: RegExp;
  private byNorm = new Map<string, Keyword>();

  constructor(keywords: Keyword[]) {
    const sorted = [...keywords].sort((a, b) => b.word.length - a.word.length);
    for (const k of sorted) this.byNorm.set(normalise(k.word), k);
    const parts = sorted.map((k) => {
      const body = [...normalise(k.word)].map(charClass).join("");
      // Latin words match whole words only: "bad" is not a hit in "badge".
      return /^[a-z0-9]/i.test(k.word) ? `(?<![a-z0-9])${body}(?![a-z0-9])` : body;
    });
    this.re = new RegExp(parts.length ? parts.join("|") : "(?!)", "giu");
  }

  /** Every keyword found in the text, once each, with negated ones left out. */
  match(text: string): Hit[] {
    const hits: Hit[] = [];
    const seen = new Set<string>();
    this.re.lastIndex = 0;
    for (let m = this.re.exec(text); m; m = this.re.exec(text)) {
      const k = this.byNorm.get(normalise(m[0]).replace(/\s+/g, " "));
      if (!k || seen.has(k.word) || this.negated(text, m.index, k.word)) continue;
      seen.add(k.word);
      hits.push({ ...k, at: m.index });
    }
    return hits;
  }

  /** True if any keyword occurs: the benchmark's "lines with a hit" count. */
  test(text: string): boolean {
    this.re.lastIndex = 0;
    return this.re.test(text);
  }

  private negated(text: string, at: number, word: string): boolean {
    const before = text.slice(Math.max(0, at - 30), at);
    if (/^[a-z0-9]/i.test(word)) return EN_NEGATORS.test(before);
    return CJK_NEGATORS.test(before.replace(/(很|太|那么|那麼|算|会|會|是)$/, ""));
  }
}

/** Negative = rated 1-2 or any keyword hit. Causes come from the hits' categories. */
export function classify(rating: number, hits: Hit[]): { negative: boolean; causes: Cause[]; severity: Severity | null } {
  const negative = rating <= 2 || hits.length > 0;
  const causeOf: Partial<Record<Category, Cause>> = {
    quality: "quality",
    fake: "quality",
    safety: "quality",
    not_as_described: "not_as_described",
    logistics: "logistics",
    service_attitude: "service_attitude",
    slow_after_sales: "slow_after_sales",
  };
  const causes = [...new Set(hits.map((h) => causeOf[h.category]).filter((c): c is Cause => Boolean(c)))];
  const severity = hits.reduce<Severity | null>((s, h) => (s === null || SEVERITIES.indexOf(h.severity) > SEVERITIES.indexOf(s) ? h.severity : s), null);
  return { negative, causes: negative && causes.length === 0 ? ["other"] : causes, severity };
}

export function languageOf(text: string): "zh-CN" | "en" {
  return /[\u4e00-\u9fff]/.test(text) ? "zh-CN" : "en";
}

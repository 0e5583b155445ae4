// Keyword matching: one pass over each review for all keywords (automaton.ts), folding case,
// width and traditional/simplified as it goes (fold.ts). Only a hit (rare) is checked further:
// whole-word for Latin keywords, and a negation in front of it.
import { Automaton } from "./automaton.ts";
import { FOLD, isWordUnit, normalise } from "./fold.ts";

export const CATEGORIES = [
  "bad_review",
  "refund",
  "complaint",
  "regulator",
  "fake",
  "safety",
  "quality",
  "not_as_described",
  "logistics",
  "service_attitude",
  "slow_after_sales",
] as const;
export type Category = (typeof CATEGORIES)[number];
export const SEVERITIES = ["notice", "warning", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const CAUSES = [
  "quality",
  "not_as_described",
  "logistics",
  "service_attitude",
  "slow_after_sales",
  "other",
] as const;
export type Cause = (typeof CAUSES)[number];

export interface Keyword {
  word: string;
  category: Category;
  severity: Severity;
}
export interface Hit extends Keyword {
  at: number;
}

export { normalise } from "./fold.ts";

// The last characters of CJK_NEGATORS and of the intensifiers stripped before it.
const NEGATION_TAIL = new Set([..."不没沒无無非别別未是有很太么麼算会會用需必要"].map((c) => c.charCodeAt(0)));
// "不用投诉" (no need to complain), "无需退款", "并不是假货": the word after them is not a complaint.
const CJK_NEGATORS =
  /(不|没|沒|无|無|非|别|別|未|不是|没有|沒有|不用|无需|無需|不必|不要|并不|並不|从不|從不|绝不|絕不|毫无|毫無)$/;
const EN_NEGATORS =
  /\b(no need to|not|no|never|isn't|wasn't|aren't|weren't|don't|doesn't|didn't|hardly|without)\s+(\w+\s+)?$/i;

const NO_HITS: readonly Hit[] = Object.freeze([]);

export class Matcher {
  private readonly automaton: Automaton;
  private readonly keywords: Keyword[];
  private readonly latin: Uint8Array;

  constructor(keywords: Keyword[]) {
    // One entry per folded word (the last one given wins, as the keyword table is keyed by it).
    const byNorm = new Map<string, Keyword>();
    for (const k of keywords) if (k.word) byNorm.set(normalise(k.word), k);
    this.keywords = [...byNorm.values()];
    this.automaton = new Automaton([...byNorm.keys()]);
    // Latin words match whole words only: "bad" is not a hit in "badge".
    this.latin = Uint8Array.from([...byNorm.keys()], (w) => (isWordUnit(w.charCodeAt(0)) ? 1 : 0));
  }

  /** Every keyword found in the text, once each (where it first occurs), negated occurrences left out. */
  match(text: string): readonly Hit[] {
    // The scan loop is written out here (not a callback per character) because it is the hot
    // path; what happens on a hit (rare) is kept out of it, in found().
    const { sym, delta, firstOut } = this.automaton;
    let hits: Hit[] | undefined;
    let row = 0;
    for (let i = 0; i < text.length; i++) {
      row = delta[row + sym[text.charCodeAt(i)]!]!;
      if (row >= firstOut) hits = this.found(text, row, i, hits);
    }
    // Nine reviews in ten have no hit: they all share one empty answer instead of a new array each.
    return hits ? hits.sort((a, b) => a.at - b.at) : NO_HITS;
  }

  private found(text: string, row: number, i: number, hits: Hit[] | undefined): Hit[] | undefined {
    const { outStart, outList, lengths, width } = this.automaton;
    const state = row / width;
    for (let o = outStart[state]!, to = outStart[state + 1]!; o < to; o++) {
      const k = outList[o]!;
      const start = i + 1 - lengths[k]!;
      const kw = this.keywords[k]!;
      if (hits?.some((h) => h.word === kw.word) || !this.counts(text, k, start, i + 1)) continue;
      (hits ??= []).push({ word: kw.word, category: kw.category, severity: kw.severity, at: start });
    }
    return hits;
  }

  /** True if any keyword occurs (not negated): the benchmark's "lines with a hit" count. */
  test(text: string): boolean {
    const { sym, delta, firstOut, outStart, outList, lengths, width } = this.automaton;
    let row = 0;
    for (let i = 0; i < text.length; i++) {
      row = delta[row + sym[text.charCodeAt(i)]!]!;
      if (row < firstOut) continue;
      const state = row / width;
      for (let o = outStart[state]!, to = outStart[state + 1]!; o < to; o++) {
        const k = outList[o]!;
        if (this.counts(text, k, i + 1 - lengths[k]!, i + 1)) return true;
      }
    }
    return false;
  }

  /** An occurrence counts when a Latin word stands whole and no negation comes before it. */
  private counts(text: string, k: number, start: number, end: number): boolean {
    if (this.latin[k]) {
      if (start > 0 && isWordUnit(FOLD[text.charCodeAt(start - 1)]!)) return false;
      if (end < text.length && isWordUnit(FOLD[text.charCodeAt(end)]!)) return false;
    }
    return !negatedAt(text, start, this.latin[k] === 1);
  }
}

/** A negation right before `at` ("not bad", "不太差"): the word there does not count. */
export function negatedAt(text: string, at: number, latin: boolean): boolean {
  if (at === 0) return false;
  // Most hits have no negation in front: decide those from the character before, without a
  // regular expression (this runs for every hit of every review).
  if (!latin && !NEGATION_TAIL.has(text.charCodeAt(at - 1))) return false;
  if (latin && text.charCodeAt(at - 1) !== 0x20 && !/\s/.test(text[at - 1]!)) return false;
  const before = text.slice(Math.max(0, at - 30), at);
  if (latin) return EN_NEGATORS.test(before);
  return CJK_NEGATORS.test(before.replace(/(很|太|那么|那麼|算|会|會|是)$/, ""));
}

/**
 * Negative = rated 1-2 or any keyword hit. Causes come from the hits' categories. A review rated
 * 4 or 5 stars is a happy customer mentioning a word: its severity is one level lower (a 5-star
 * "物流有点慢" is a notice, not a warning; a critical word on a 5-star review is a warning).
 */
export function classify(
  rating: number,
  hits: readonly Hit[],
  text?: string,
): { negative: boolean; causes: Cause[]; severity: Severity | null } {
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
  const worst = hits.reduce<Severity | null>(
    (s, h) => (s === null || SEVERITIES.indexOf(h.severity) > SEVERITIES.indexOf(s) ? h.severity : s),
    null,
  );
  const severity = worst !== null && rating >= 4 ? SEVERITIES[Math.max(0, SEVERITIES.indexOf(worst) - 1)]! : worst;
  // A review whose words name no cause ("我要退款", "refund please", a 1-star with no keyword) is
  // read once more for what is behind it: a refund is the customer's remedy, not the cause.
  if (negative && causes.length === 0 && text) causes.push(...causeHints(text));
  return { negative, causes: negative && causes.length === 0 ? ["other"] : causes, severity };
}

const CAUSE_HINTS: [Cause, RegExp][] = [
  [
    "slow_after_sales",
    /(退款|退貨|退货|售后|售後).{0,8}(慢|还没|還沒|没到|沒到|等了|几天|幾天|拖)|(慢|还没|還沒|等了|拖).{0,8}(退款|退货|退貨)|slow refund|refund.{0,20}(still|waiting|days|weeks)|still waiting/i,
  ],
  ["quality", /坏|壞|破|裂|漏|质量|質量|瑕疵|不能用|用不了|broken|defect|crack|leak|stopped working|doesn'?t work/i],
  [
    "not_as_described",
    /不符|不一样|不一樣|色差|与描述|與描述|货不对板|貨不對板|not as described|different from|wrong (size|colou?r|item)/i,
  ],
  ["logistics", /快递|快遞|物流|没收到|沒收到|丢件|丟件|发货|發貨|delivery|shipping|never arrived|not received/i],
  ["service_attitude", /客服|态度|態度|不理|rude|ignored|attitude/i],
];

function causeHints(text: string): Cause[] {
  return CAUSE_HINTS.filter(([, re]) => re.test(text)).map(([cause]) => cause);
}

export function languageOf(text: string): "zh-CN" | "en" {
  return /[\u4e00-\u9fff]/.test(text) ? "zh-CN" : "en";
}

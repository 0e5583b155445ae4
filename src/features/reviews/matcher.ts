// Keyword matching: one pass over each review for all keywords (automaton.ts), folding case,
// width and traditional/simplified as it goes (fold.ts). Only a hit (rare) is checked further:
// whole-word for Latin keywords, and a negation in front of it.
import { Automaton } from "./automaton.ts";
import { FOLD, isWordUnit, normalise } from "./fold.ts";
import type { Hit, Keyword } from "./rules.ts";

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

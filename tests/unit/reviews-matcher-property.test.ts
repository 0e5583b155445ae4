// The fast matcher (a folded Aho–Corasick table) finds exactly what a naive search finds: fold
// the whole review, then look for every keyword at every position with indexOf, keeping an
// occurrence when a Latin keyword stands as a whole word and no negation comes before it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Matcher, negatedAt } from "../../src/features/reviews/matcher.ts";
import { normalise } from "../../src/features/reviews/fold.ts";
import type { Keyword } from "../../src/features/reviews/rules.ts";

// Characters that exercise every fold: simplified and traditional pairs, full-width and
// capital Latin, digits, both spaces, negators, punctuation.
const UNITS = [..."质質量差退款投诉訴货貨破损損坏壞慢很太不没沒是好评評"].concat(
  [..."abcABCａｂＡＢ12１２"],
  [" ", "\u3000", "，", "!", "not ", "no "],
);
const unit = fc.constantFrom(...UNITS);
const text = fc.array(unit, { maxLength: 40 }).map((xs) => xs.join(""));
const word = fc
  .array(fc.constantFrom(...UNITS.filter((u) => u.length === 1 && u.trim())), { minLength: 1, maxLength: 4 })
  .map((xs) => xs.join(""));
const keywords = fc
  .uniqueArray(word, { minLength: 1, maxLength: 12, selector: (w) => normalise(w) })
  .map((ws) => ws.map((w): Keyword => ({ word: w, category: "quality", severity: "notice" })));

const isWord = (c: string | undefined) => c !== undefined && /[a-z0-9]/.test(c);

function naive(ks: Keyword[], review: string): { word: string; at: number }[] {
  const folded = normalise(review);
  const out: { word: string; at: number }[] = [];
  for (const k of ks) {
    const w = normalise(k.word);
    const latin = isWord(w[0]);
    for (let at = folded.indexOf(w); at >= 0; at = folded.indexOf(w, at + 1)) {
      if (latin && (isWord(folded[at - 1]) || isWord(folded[at + w.length]))) continue;
      if (negatedAt(review, at, latin)) continue;
      out.push({ word: k.word, at });
      break;
    }
  }
  return out.sort((a, b) => a.at - b.at || a.word.localeCompare(b.word));
}

describe("the review matcher against a naive fold-then-search", () => {
  it("finds the same keywords at the same places, on random mixed Chinese/English text", () => {
    fc.assert(
      fc.property(keywords, fc.array(text, { minLength: 1, maxLength: 5 }), (ks, reviews) => {
        const m = new Matcher(ks);
        for (const r of reviews) {
          const fast = m
            .match(r)
            .map((h) => ({ word: h.word, at: h.at }))
            .sort((a, b) => a.at - b.at || a.word.localeCompare(b.word));
          expect(fast).toEqual(naive(ks, r));
          expect(m.test(r)).toBe(fast.length > 0);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("finds keywords planted in random text wherever they are, in any of their folded forms", () => {
    fc.assert(
      fc.property(keywords, text, text, fc.nat(), (ks, left, right, pick) => {
        const k = ks[pick % ks.length]!;
        // The keyword written in another form: traditional for simplified, full-width, capitals.
        const disguised = [...k.word]
          .map(
            (c) =>
              ({ 质: "質", 诉: "訴", 货: "貨", 损: "損", 坏: "壞", 评: "評", a: "Ａ", b: "ｂ", "1": "１" })[c] ?? c,
          )
          .join("");
        // Between full stops nothing can negate it or join it to a longer Latin word: it must be found.
        const review = `${left}。${disguised}。${right}`;
        const found = new Matcher(ks).match(review).map((h) => h.word);
        expect(found).toContain(k.word);
        expect([...found].sort()).toEqual(
          naive(ks, review)
            .map((h) => h.word)
            .sort(),
        );
      }),
      { numRuns: 500 },
    );
  });
});

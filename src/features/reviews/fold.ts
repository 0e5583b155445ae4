// Folding, one UTF-16 code unit at a time, through one table: full-width ASCII → ASCII, the
// ideographic space → space, traditional (and variant) Chinese → simplified, and letter case.
// A table keeps folding 1:1 (position i of the folded text is position i of the review), so a
// hit's offset needs no mapping back, and the matcher folds while it scans instead of building
// a folded copy of every review.
import { T2S_PAIRS } from "./t2s.ts";

function buildFold(): Uint16Array {
  const f = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) f[c] = c;
  for (let c = 0xff01; c <= 0xff5e; c++) f[c] = c - 0xfee0;
  f[0x3000] = 0x20;
  const chars = [...T2S_PAIRS]; // by code point: a few simplified forms lie outside the BMP
  for (let i = 0; i < chars.length; i += 2) {
    const [t, s] = [chars[i]!, chars[i + 1]!];
    // Only pairs that stay one code unit each: the fold must be 1:1. The few simplified forms
    // outside the BMP keep their traditional form (on both sides: keywords fold the same way).
    if (t.length === 1 && s.length === 1) f[t.charCodeAt(0)] = s.charCodeAt(0);
  }
  // Case: ASCII, Latin, Greek, Cyrillic and Latin Extended Additional, where a lower-case form is
  // one code unit (İ's is two: it stays as it is).
  for (const [a, b] of [
    [0x41, 0x5a],
    [0xc0, 0x52f],
    [0x1e00, 0x1fff],
  ] as const) {
    for (let c = a; c <= b; c++) {
      const lower = String.fromCharCode(c).toLowerCase();
      if (lower.length === 1) f[c] = lower.charCodeAt(0);
    }
  }
  for (let c = 0xff21; c <= 0xff3a; c++) f[c] = c - 0xfee0 + 0x20; // full-width capitals → a-z
  return f;
}

export const FOLD = buildFold();

/** Case, width and script folded: the form keywords are stored and looked up in. */
export function normalise(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) out += String.fromCharCode(FOLD[s.charCodeAt(i)]!);
  return out;
}

/** A folded code unit that is part of a Latin word (the boundary of a whole-word keyword). */
export function isWordUnit(folded: number): boolean {
  return (folded >= 0x61 && folded <= 0x7a) || (folded >= 0x30 && folded <= 0x39);
}

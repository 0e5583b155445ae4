// Aho–Corasick over folded code units, compiled to a dense table: one lookup to fold and map a
// code unit to its symbol, one to move, per character of the review. Chosen by measurement
// (bench/keywords.ts; TOOLCHAIN.md): a regex of 300 alternatives with folding compiled into
// character classes ran at 0.17x grep's throughput; modern-ahocorasick, the popular package,
// is slower than the regex; this table runs ahead of grep -F -i on the same text.
import { FOLD } from "./fold.ts";

/**
 * Patterns already folded. The table is laid out for the scan loop: `delta[row + sym]` is the
 * next state's row (state × width, so no multiply per character), and states that end a
 * pattern are numbered last, so "did a pattern end here?" is one comparison, `row >= firstOut`.
 */
export class Automaton {
  /** Code unit → symbol (0: in no pattern). Folding is baked in. */
  readonly sym = new Uint16Array(65536);
  readonly delta: Int32Array;
  /** Row of the first state that ends a pattern. */
  readonly firstOut: number;
  /** Patterns ending in the state at row r: outList[outStart[r / width] … outStart[r / width + 1]). */
  readonly outStart: Int32Array;
  readonly outList: Int32Array;
  readonly lengths: Int32Array;
  readonly width: number;

  constructor(patterns: readonly string[]) {
    const symOfFolded = new Map<number, number>();
    for (const p of patterns)
      for (let i = 0; i < p.length; i++)
        if (!symOfFolded.has(p.charCodeAt(i))) symOfFolded.set(p.charCodeAt(i), symOfFolded.size + 1);
    const w = (this.width = symOfFolded.size + 1);
    for (let c = 0; c < 65536; c++) this.sym[c] = symOfFolded.get(FOLD[c]!) ?? 0;
    this.lengths = Int32Array.from(patterns, (p) => p.length);

    // The trie, as goto lists; then breadth-first failure links, completing the table.
    const goto: Map<number, number>[] = [new Map()];
    const outs: number[][] = [[]];
    patterns.forEach((p, k) => {
      if (!p) return;
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const a = symOfFolded.get(p.charCodeAt(i))!;
        let next = goto[s]!.get(a);
        if (next === undefined) {
          next = goto.length;
          goto.push(new Map());
          outs.push([]);
          goto[s]!.set(a, next);
        }
        s = next;
      }
      outs[s]!.push(k);
    });
    const n = goto.length;
    const next = new Int32Array(n * w);
    const fail = new Int32Array(n);
    const queue: number[] = [];
    for (const [a, s] of goto[0]!) {
      next[a] = s;
      queue.push(s);
    }
    for (let q = 0; q < queue.length; q++) {
      const r = queue[q]!;
      outs[r] = [...outs[r]!, ...outs[fail[r]!]!];
      for (let a = 0; a < w; a++) {
        const s = goto[r]!.get(a);
        if (s === undefined) next[r * w + a] = next[fail[r]! * w + a]!;
        else {
          next[r * w + a] = s;
          fail[s] = next[fail[r]! * w + a]!;
          queue.push(s);
        }
      }
    }
    // Renumber: the root stays 0, states without output next, states with output last.
    const order = [
      0,
      ...Array.from({ length: n - 1 }, (_, i) => i + 1).filter((s) => outs[s]!.length === 0),
      ...Array.from({ length: n - 1 }, (_, i) => i + 1).filter((s) => outs[s]!.length > 0),
    ];
    const id = new Int32Array(n);
    order.forEach((s, i) => (id[s] = i));
    this.delta = new Int32Array(n * w);
    for (let s = 0; s < n; s++) for (let a = 0; a < w; a++) this.delta[id[s]! * w + a] = id[next[s * w + a]!]! * w;
    const withoutOut = order.findIndex((s, i) => i > 0 && outs[s]!.length > 0);
    this.firstOut = (withoutOut < 0 ? n : withoutOut) * w;
    this.outStart = new Int32Array(n + 1);
    const list: number[] = [];
    order.forEach((s, i) => {
      this.outStart[i] = list.length;
      list.push(...outs[s]!);
    });
    this.outStart[n] = list.length;
    this.outList = Int32Array.from(list);
  }
}

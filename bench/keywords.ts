// Keyword matching over synthetic reviews, against `grep -F -c -f` on the same file, measured in
// the same run. Counts lines with at least one hit. Settings: BENCH_REVIEWS (default 1,000,000),
// BENCH_KEYWORDS (default 300).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_KEYWORDS } from "../src/features/reviews/defaults.ts";
import { Matcher } from "../src/features/reviews/matcher.ts";
import { normalise } from "../src/features/reviews/fold.ts";
import type { Keyword } from "../src/features/reviews/rules.ts";

const N = Number(process.env.BENCH_REVIEWS ?? 1_000_000);
const K = Number(process.env.BENCH_KEYWORDS ?? 300);

// A deterministic generator, so every run measures the same text.
let seed = 42;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
const zhWords =
  "宝贝 收到 很好 包装 颜色 尺码 物流 客服 质量 价格 喜欢 推荐 朋友 一般 还行 回购 快递 发货 材质 做工 味道 效果 值得 满意 失望".split(
    " ",
  );
const enWords =
  "the item arrived quickly and looks great but size color box price quality shipping seller would buy again nice ok works fine".split(
    " ",
  );

const keywords: Keyword[] = DEFAULT_KEYWORDS.map(([word, category, severity]) => ({ word, category, severity }));
for (let i = keywords.length; i < K; i++)
  keywords.push({ word: i % 2 ? `关键词${i}` : `keyword${i}`, category: "quality", severity: "notice" });

const dir = mkdtempSync(join(tmpdir(), "shopops-kw-"));
const file = join(dir, "reviews.txt");
const lines: string[] = [];
for (let i = 0; i < N; i++) {
  const zh = rnd() < 0.6;
  const words = Array.from({ length: 8 + Math.floor(rnd() * 20) }, () => pick(zh ? zhWords : enWords));
  if (rnd() < 0.1) words.splice(Math.floor(rnd() * words.length), 0, pick(keywords).word);
  lines.push(words.join(zh ? "" : " "));
}
writeFileSync(file, lines.join("\n") + "\n");
writeFileSync(join(dir, "kw.txt"), keywords.map((k) => k.word).join("\n") + "\n");
const mb = (readFileSync(file).length / 1e6).toFixed(0);

const time = (f: () => number) => {
  const t0 = performance.now();
  const n = f();
  return { n, s: (performance.now() - t0) / 1000 };
};
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** Runs `f` RUNS times; `s` is the median run. */
const best = (f: () => number) => {
  const runs = Array.from({ length: RUNS }, () => time(f));
  const sorted = runs.map((r) => r.s).sort((a, b) => a - b);
  return { n: runs[0]!.n, s: sorted[Math.floor(sorted.length / 2)]!, all: sorted };
};

const grep = best(() =>
  Number(
    execFileSync("grep", ["-F", "-c", "-i", "-f", join(dir, "kw.txt"), file])
      .toString()
      .trim(),
  ),
);
const matcher = new Matcher(keywords);
// Reviews as the bot has them (strings from the webhook's JSON), every hit with its category:
// what ingest stores.
const categories = new Map<string, number>();
const ours = best(() => {
  categories.clear();
  let n = 0;
  for (let i = 0; i < lines.length; i++) {
    const hits = matcher.match(lines[i]!);
    if (hits.length === 0) continue;
    n++;
    for (const h of hits) categories.set(h.category, (categories.get(h.category) ?? 0) + 1);
  }
  return n;
});
// "Any hit?" only, as grep -c answers.
const anyHit = best(() => lines.reduce((n, l) => n + (matcher.test(l) ? 1 : 0), 0));
// The whole job grep does, in Node: read the file, decode UTF-8, split lines, match.
const endToEnd = best(() =>
  readFileSync(file, "utf8")
    .split("\n")
    .reduce((n, l) => n + (matcher.test(l) ? 1 : 0), 0),
);
const normWords = keywords.map((k) => normalise(k.word));
const naive = time(() =>
  lines.reduce((n, l) => {
    const x = normalise(l);
    return n + (normWords.some((w) => x.includes(w)) ? 1 : 0);
  }, 0),
);

const fmt = (r: { s: number; all?: number[] }) =>
  `${r.s.toFixed(2)} s${r.all ? ` (min/median/max ${r.all[0]!.toFixed(2)} / ${r.s.toFixed(2)} / ${r.all[r.all.length - 1]!.toFixed(2)})` : ""}`;
const throughput = (r: { s: number }) => (grep.s / r.s).toFixed(2);
console.log(
  `${N.toLocaleString()} reviews (${mb} MB), ${keywords.length} keywords; lines with a hit (${RUNS} runs each; ratios from the medians):`,
);
console.log(`  grep -F -c -i -f on the file (baseline)           ${fmt(grep)}  ${grep.n} lines`);
console.log(
  `  shopops Matcher.match, every hit with its category ${fmt(ours)}  ${ours.n} lines  ${throughput(ours)}x grep's throughput`,
);
console.log(
  `  shopops Matcher.test, any hit                     ${fmt(anyHit)}  ${anyHit.n} lines  ${throughput(anyHit)}x grep's throughput`,
);
console.log(
  `  read + decode + split the file + Matcher.test     ${fmt(endToEnd)}  ${endToEnd.n} lines  ${throughput(endToEnd)}x grep's throughput`,
);
console.log(`  normalise each review + includes per keyword      ${naive.s.toFixed(2)} s  ${naive.n} lines`);
console.log(`  hits by category: ${[...categories].map(([c, n]) => `${c} ${n}`).join(", ")}`);
// grep counts raw occurrences; shopops leaves out negated words and Latin words inside longer
// words, so its count may be lower, never higher. Say so when they differ.
if (ours.n !== grep.n)
  console.log(`  (shopops counts ${grep.n - ours.n} fewer lines: negated or part of a longer word)`);
// The generated file is about 100 MB: leave nothing behind in the temp folder.
rmSync(dir, { recursive: true, force: true });

// What a review is, decided from its stars and its keyword hits: negative or not, its causes and
// its severity; the categories, causes and severities a keyword may have; and the language a
// review is written in (its reply draft speaks it).

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

/**
 * Negative = rated 1-2 or any keyword hit. Causes come from the hits' categories. A review rated
 * 4 or 5 stars is a happy customer mentioning a word: its severity is one level lower (a 5-star
 * "物流有点慢" is a notice, not a warning; a critical word on a 5-star review is a warning).
 */
export function classify(
  rating: number,
  hits: readonly Hit[],
  text?: string,
  hints: CompiledHints = DEFAULT_COMPILED,
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
  if (negative && causes.length === 0 && text) causes.push(...causeHints(text, hints));
  return { negative, causes: negative && causes.length === 0 ? ["other"] : causes, severity };
}

/**
 * What a negative review naming no keyword's cause is read for, once more: patterns per cause
 * (regular expressions, case-insensitive). The team's list is data (cause-hints.ts, `/reviews
 * hints`); these are what it starts from.
 */
export const DEFAULT_CAUSE_HINTS: readonly (readonly [Cause, string])[] = [
  [
    "slow_after_sales",
    "(退款|退貨|退货|售后|售後).{0,8}(慢|还没|還沒|没到|沒到|等了|几天|幾天|拖)|(慢|还没|還沒|等了|拖).{0,8}(退款|退货|退貨)|slow refund|refund.{0,20}(still|waiting|days|weeks)|still waiting",
  ],
  ["quality", "坏|壞|破|裂|漏|质量|質量|瑕疵|不能用|用不了|broken|defect|crack|leak|stopped working|doesn'?t work"],
  [
    "not_as_described",
    "不符|不一样|不一樣|色差|与描述|與描述|货不对板|貨不對板|not as described|different from|wrong (size|colou?r|item)",
  ],
  ["logistics", "快递|快遞|物流|没收到|沒收到|丢件|丟件|发货|發貨|delivery|shipping|never arrived|not received"],
  ["service_attitude", "客服|态度|態度|不理|rude|ignored|attitude"],
];

export type CompiledHints = readonly (readonly [Cause, RegExp])[];

/** Patterns that don't compile are left out (the command that saves one checks it first). */
export function compileHints(hints: readonly (readonly [Cause, string])[]): CompiledHints {
  return hints.flatMap(([cause, source]) => {
    try {
      return [[cause, new RegExp(source, "i")] as const];
    } catch {
      return [];
    }
  });
}

const DEFAULT_COMPILED = compileHints(DEFAULT_CAUSE_HINTS);

function causeHints(text: string, hints: CompiledHints): Cause[] {
  return [...new Set(hints.filter(([, re]) => re.test(text)).map(([cause]) => cause))];
}

export function languageOf(text: string): "zh-CN" | "en" {
  return /[\u4e00-\u9fff]/.test(text) ? "zh-CN" : "en";
}

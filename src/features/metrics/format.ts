// Numbers as the team reads them: money in yuan to the fen, percentages, counts with separators.
export function money(x: number, signed = false): string {
  const s = `¥${Math.abs(x).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  return x < 0 ? `-${s}` : signed ? `+${s}` : s;
}

export function signedPct(x: number | null | undefined, digits = 1): string {
  if (x == null || !Number.isFinite(x)) return "–";
  return `${x >= 0 ? "+" : ""}${(x * 100).toFixed(digits)}%`;
}

export const pct = (x: number | null | undefined, digits = 1) => (x == null ? "–" : `${(x * 100).toFixed(digits)}%`);
export const num = (x: number) => x.toLocaleString("en-US");

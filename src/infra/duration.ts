// Durations as people write them in settings and commands: 30s, 90m, 2h, 1d.
export const durationRe = /^\d+(ms|s|m|h|d)$/;

const unitMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export function durationMs(s: string): number {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(s.trim());
  if (!m) throw new Error(`not a duration: ${s}`);
  return Number(m[1]) * unitMs[m[2] as keyof typeof unitMs];
}

/** 2h 30m, 1d 4h, 45s: short and the same in both languages. */
export function formatDuration(ms: number): string {
  const parts: string[] = [];
  let left = Math.max(0, Math.round(ms / 1000));
  for (const [unit, size] of [
    ["d", 86400],
    ["h", 3600],
    ["m", 60],
    ["s", 1],
  ] as const) {
    const n = Math.floor(left / size);
    if (n > 0) parts.push(`${n}${unit}`);
    left -= n * size;
  }
  return parts.slice(0, 2).join(" ") || "0s";
}

const SPOKEN = {
  "zh-CN": { d: " 天", h: " 小时", m: " 分钟", s: " 秒", join: " " },
  en: { d: " d", h: " h", m: " min", s: " s", join: " " },
} as const;

/** A duration as people read it in their language: "10 分钟", "1 小时 30 分钟", "10 min". */
export function spokenDuration(ms: number, locale: "zh-CN" | "en"): string {
  const words = SPOKEN[locale];
  return formatDuration(ms)
    .split(" ")
    .map((p) => p.replace(/^(\d+)([dhms])$/, (_, n: string, u: "d" | "h" | "m" | "s") => `${n}${words[u]}`))
    .join(words.join);
}

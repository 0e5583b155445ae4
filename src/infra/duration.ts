// Durations as people write them in settings and commands: 30s, 90m, 2h, 1d.
export const durationRe = /^\d+(ms|s|m|h|d)$/;

const unitMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export function durationMs(s: string): number {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(s.trim());
  if (!m) throw new Error(`not a duration: ${s}`);
  return Number(m[1]) * unitMs[m[2] as keyof typeof unitMs];
}

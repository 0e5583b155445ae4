// What people see, read from the fake Slack's record of every call: when each case number first
// appears in a channel or a DM, who was @-mentioned how often, how many 429s Slack answered, and
// whether any message landed twice.
import { pct } from "./lib.ts";

export interface Call {
  method: string;
  args: Record<string, unknown>;
  at: number;
}

export interface Record_ {
  calls: Call[];
  rateLimited: number;
  /** 429s by method and kind of channel, e.g. "chat.postMessage C" 3. */
  limitedBy: Record<string, number>;
  /** The outbox id each landed message carried (its metadata), in the order they landed. */
  landed: (string | null)[];
}

export async function fetchRecord(fakePort: number): Promise<Record_> {
  const r = await fetch(`http://127.0.0.1:${fakePort}/__calls`);
  const j = (await r.json()) as {
    calls: Call[];
    rateLimited?: { method: string; channel?: string }[];
    landed?: (string | null)[];
  };
  const limitedBy: Record<string, number> = {};
  for (const l of j.rateLimited ?? []) {
    const k = `${l.method} ${(l.channel ?? "?").slice(0, 1)}`;
    limitedBy[k] = (limitedBy[k] ?? 0) + 1;
  }
  return { calls: j.calls, rateLimited: j.rateLimited?.length ?? 0, limitedBy, landed: j.landed ?? [] };
}

const textOf = (c: Call) => `${String(c.args.text ?? "")}\n${JSON.stringify(c.args.blocks ?? "")}`;

/**
 * When each case number was first shown in `where` (a post or an edit there), by number; with
 * `about`, only on a line that says so (an owner's DM also tells of the case being opened).
 */
export function firstSeen(
  calls: Call[],
  where: (channel: string) => boolean,
  about: (line: string) => boolean = () => true,
): Map<number, number> {
  const seen = new Map<number, number>();
  for (const c of calls) {
    if (c.method !== "chat.postMessage" && c.method !== "chat.update") continue;
    if (!where(String(c.args.channel ?? ""))) continue;
    for (const line of textOf(c).split(/\n|\\n/)) {
      if (!about(line)) continue;
      for (const m of line.matchAll(/#(\d+)\b/g)) {
        const n = Number(m[1]);
        if (!seen.has(n)) seen.set(n, c.at);
      }
    }
  }
  return seen;
}

/** A line telling of an escalation (the owner's DM, or its line in a roll-up). */
export const tellsEscalation = (line: string) => /escalat|升级|→ tier|→ \d 级/.test(line);

/** The most posts that @-mentioned `user` in `channel` within any 60 s. */
export function mentionsPerMinute(
  calls: Call[],
  channel: string,
  user: string,
): { total: number; maxPerMinute: number } {
  const at = calls
    .filter((c) => c.method === "chat.postMessage" && c.args.channel === channel && textOf(c).includes(`<@${user}>`))
    .map((c) => c.at)
    .sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < at.length; i++) {
    while (at[i]! - at[j]! >= 60_000) j++;
    max = Math.max(max, i - j + 1);
  }
  return { total: at.length, maxPerMinute: max };
}

/** Messages that landed more than once (the same outbox id twice). */
export function doubled(landed: (string | null)[]): number {
  const seen = new Set<string>();
  let n = 0;
  for (const id of landed) {
    if (!id) continue;
    if (seen.has(id)) n++;
    seen.add(id);
  }
  return n;
}

/** Lateness from each case's deadline to its first sighting; missing ones count as not seen. */
export function lateness(deadlines: Map<number, number>, seen: Map<number, number>) {
  const late: number[] = [];
  let missing = 0;
  for (const [n, due] of deadlines) {
    const s = seen.get(n);
    if (s === undefined) missing++;
    else late.push(Math.max(0, s - due));
  }
  return { late, missing };
}

export const secs = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : "–");

export function describeLateness(what: string, l: { late: number[]; missing: number }, cutoffMs: number): string {
  if (!l.late.length) return `${what}: none shown (all ${l.missing} missing after ${secs(cutoffMs)})`;
  const p99 =
    l.missing > 0 && l.missing / (l.late.length + l.missing) > 0.01 ? `> ${secs(cutoffMs)}` : secs(pct(l.late, 99));
  return `${what}: p50 ${secs(pct(l.late, 50))} · p99 ${p99}${l.missing ? ` · ${l.missing} not shown within ${secs(cutoffMs)}` : ""}`;
}

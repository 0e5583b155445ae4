import { TZDate } from "@date-fns/tz";
import { addDays, format, parseISO } from "date-fns";

// A burst formats the same few minutes thousands of times (a case's card, its line in a roll-up,
// its deadline): 1.3 s of a 10,000-escalation drain's 15 s of CPU. A pattern that shows nothing
// finer than the minute is remembered by minute.
const byMinute = new Map<string, string>();
const SINCE = Date.UTC(1980, 0, 1);
const finerThanMinute = (pattern: string) => /[sStT]/.test(pattern.replace(/'[^']*'/g, ""));

/** Shows a UTC instant as wall-clock time in a zone (e.g. Asia/Shanghai). */
export function formatInZone(at: Date, timeZone: string, pattern = "yyyy-MM-dd HH:mm"): string {
  const ms = at.getTime();
  // Before 1980 some zones had offsets with seconds (Liberia until 1972): there a UTC minute may
  // straddle two local ones.
  if (!(ms >= SINCE) || finerThanMinute(pattern)) return format(new TZDate(ms, timeZone), pattern);
  const key = `${Math.floor(ms / 60_000)}|${timeZone}|${pattern}`;
  let text = byMinute.get(key);
  if (text === undefined) {
    text = format(new TZDate(ms, timeZone), pattern);
    if (byMinute.size >= 10_000) byMinute.clear();
    byMinute.set(key, text);
  }
  return text;
}

/** The zone's offset at that instant as people read it: "UTC+8", "UTC-4", "UTC+5:30". */
export function utcOffset(at: Date, timeZone: string): string {
  const name =
    new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "shortOffset" })
      .formatToParts(at)
      .find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  return name === "GMT" || name === "GMT+0" ? "UTC" : name.replace("GMT", "UTC");
}

/**
 * A time in a channel, read by people who may be in other zones: "11-30 05:14 (UTC+8)". DMs use
 * the reader's own zone and need no label.
 */
export function formatWithZone(at: Date, timeZone: string, pattern = "MM-dd HH:mm"): string {
  return `${formatInZone(at, timeZone, pattern)} (${utcOffset(at, timeZone)})`;
}

/** A local calendar date plus days, as a local calendar date: no time zone can shift it. */
export function shiftDate(date: string, days: number): string {
  return format(addDays(parseISO(date), days), "yyyy-MM-dd");
}

export function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = parseISO(s);
  return !Number.isNaN(d.getTime()) && format(d, "yyyy-MM-dd") === s;
}

/** The instant of hh:mm on a local date in a zone. */
export function localTime(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, timeZone).getTime());
}

export function todayIn(now: Date, timeZone: string): string {
  return format(new TZDate(now.getTime(), timeZone), "yyyy-MM-dd");
}

// How a back office writes a number, a date or an id, read back into values: "¥1,234.50",
// "$1,234.56", "12.3%", "1.2万", "(35.00)", "--"; "2026-11-11", "2026/11/11 10:05:03",
// "2026年11月11日", "20261111", "11/11/2026" (month first, as Amazon US writes it); an order number
// written as ="3245…" (so that Excel keeps its digits) or with a leading tab.
import { TZDate } from "@date-fns/tz";
import { formatInZone } from "../../infra/time.ts";

/**
 * ="…" whose inside the slow path below would return as it is: not blank-edged, no leading ', no
 * line break (which its regular expression's . doesn't cross). Read by character codes: a
 * million-row 淘宝 export has one a row, and the slow path's replace, trim and match cost 0.8 s.
 */
function plainFormula(s: string): boolean {
  const end = s.length - 1;
  if (end < 3 || s.charCodeAt(1) !== 34 || s.charCodeAt(end) !== 34) return false;
  // Its edges printable ASCII, so trim() has nothing to take; not ', which the slow path drops.
  const a = s.charCodeAt(2);
  const z = s.charCodeAt(end - 1);
  if (a <= 32 || a > 126 || a === 39 || z <= 32 || z > 126) return false;
  for (let i = 3; i < end - 1; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return false;
  }
  return true;
}

/** The text of a cell without the tricks exports use to keep Excel from reading it as a number. */
export function cleanText(s: string): string {
  // Most cells need nothing: a million-row export has twenty of them a row.
  const first = s.charCodeAt(0);
  if (first > 32 && first !== 61 && first !== 39 && first !== 0xfeff && s.charCodeAt(s.length - 1) > 32) return s;
  // An order number as ="3300000000000001", with nothing more to strip: the rest of them.
  if (first === 61 && plainFormula(s)) return s.slice(2, -1);
  const t = s.replace(/^\uFEFF/, "").trim();
  const formula = /^="(.*)"$/.exec(t);
  return (formula?.[1] ?? t).replace(/^'/, "").trim();
}

const BLANK = /^(|-|--|—|n\/a|null|无|\/)$/i;

export const isBlank = (s: string): boolean =>
  s === "" ||
  ((s.length <= 4 || s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32) && BLANK.test(cleanText(s)));

/**
 * A number as written, or undefined for a blank ("", "-", "--"), or NaN when it isn't one.
 * Percentages come back as fractions (12.3% → 0.123); 万 and 亿 are multiplied out.
 */
export function readNumber(raw: string): number | undefined {
  if (/^\d{1,15}(\.\d+)?$/.test(raw)) return Number(raw);
  let s = cleanText(raw);
  if (BLANK.test(s)) return undefined;
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1] ?? "";
  }
  s = s.replace(/^(rmb|cny|usd|us\$|hk\$)\s*/i, "").replace(/[¥￥$€£\s]|元$/g, "");
  if (s.startsWith("-")) {
    negative = !negative;
    s = s.slice(1);
  }
  s = s.replace(/^[¥￥$€£]/, "");
  let scale = 1;
  const unit = /(万|亿|%|k)$/i.exec(s);
  if (unit) {
    scale = { 万: 1e4, 亿: 1e8, "%": 0.01, k: 1e3 }[(unit[1] ?? "").toLowerCase() as "万"];
    s = s.slice(0, -1);
  }
  // Thousands separators only where they are ones: "1,234,567.8", never "1,2".
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, "");
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(s)) return NaN;
  const n = Number(s) * scale * (negative ? -1 : 1);
  // 1.2万 is 12000, not 12000.000000000002.
  return Math.round(n * 1e6) / 1e6;
}

export type DateOrder = "YMD" | "MDY" | "DMY";

export interface WallTime {
  date: string;
  /** The date as a number, yyyymmdd (the same day as `date`, cheaper to key by). */
  day?: number;
  hour?: number;
  minute?: number;
  second?: number;
}

const pad = (n: number) => String(n).padStart(2, "0");

const realDates = new Map<number, string | undefined>();

/** "2026-11-11" for a day that exists (remembered: an export has few days and many rows). */
function realDate(y: number, m: number, d: number): string | undefined {
  const key = y * 10000 + m * 100 + d;
  if (realDates.has(key)) return realDates.get(key);
  const v = checkDate(y, m, d);
  if (realDates.size < 100_000) realDates.set(key, v);
  return v;
}

function checkDate(y: number, m: number, d: number): string | undefined {
  if (y < 100) y += 2000;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** "dddd-dd-dd dd:dd:dd", checked by character codes. */
function isPlainStamp(s: string): boolean {
  for (let i = 0; i < 19; i++) {
    const c = s.charCodeAt(i);
    const want = i === 4 || i === 7 ? 45 : i === 10 ? 32 : i === 13 || i === 16 ? 58 : -1;
    if (want === -1 ? c < 48 || c > 57 : c !== want) return false;
  }
  return true;
}

/** The number written by the ASCII digits s[from..to). */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}

/** A date, with its time of day if written, as the export wrote it (no zone applied). */
export function readWallTime(raw: string, order: DateOrder = "YMD"): WallTime | undefined {
  // The common case, as most exports write it: "2026-11-11 10:05:03", read digit by digit (a
  // million-row export has one or two a row; a regular expression's match costs its substrings).
  if (raw.length === 19 && isPlainStamp(raw)) {
    const y = digits(raw, 0, 4);
    const m = digits(raw, 5, 7);
    const d = digits(raw, 8, 10);
    const date = realDate(y, m, d);
    const [hour, minute, second] = [digits(raw, 11, 13), digits(raw, 14, 16), digits(raw, 17, 19)];
    const day = y * 10000 + m * 100 + d;
    return date && hour < 24 && minute < 60 && second < 60 ? { date, day, hour, minute, second } : undefined;
  }
  const s = cleanText(raw)
    .replace(/[年月]/g, "-")
    .replace(/日/, " ")
    .replace(/[时時]/, ":")
    .replace(/分/, ":")
    .replace(/秒/, "")
    .replace(/\s+/g, " ")
    .trim();
  let date: string | undefined;
  let rest = "";
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](.*))?$/.exec(s);
  if (m) {
    date = realDate(Number(m[1]), Number(m[2]), Number(m[3]));
    rest = m[4] ?? "";
  } else if ((m = /^(\d{4})(\d{2})(\d{2})(?: (.*))?$/.exec(s))) {
    date = realDate(Number(m[1]), Number(m[2]), Number(m[3]));
    rest = m[4] ?? "";
  } else if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?: (.*))?$/.exec(s)) && order !== "YMD") {
    date =
      order === "MDY"
        ? realDate(Number(m[3]), Number(m[1]), Number(m[2]))
        : realDate(Number(m[3]), Number(m[2]), Number(m[1]));
    rest = m[4] ?? "";
  }
  if (!date) return undefined;
  rest = rest.replace(/:$/, "").trim();
  if (!rest) return { date };
  const t = /^(\d{1,2})(?::(\d{1,2}))?(?::(\d{1,2})(?:\.\d+)?)?\s*(am|pm)?$/i.exec(rest);
  if (!t) return undefined;
  let hour = Number(t[1]);
  if (t[4]) hour = (hour % 12) + (/pm/i.test(t[4]) ? 12 : 0);
  const minute = +(t[2] ?? 0);
  const second = +(t[3] ?? 0);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return { date, hour, minute, second };
}

/** A wall-clock time in a zone as an instant. */
export function instantOf(w: WallTime, timeZone: string): Date {
  const [y = 0, mo = 1, d = 1] = w.date.split("-").map(Number);
  return new Date(new TZDate(y, mo - 1, d, w.hour ?? 0, w.minute ?? 0, w.second ?? 0, timeZone).getTime());
}

/** An hour written on its own: "10", "10:00", "10时", "10:00-11:00". */
export function readHour(raw: string): number | undefined {
  const m = /^(\d{1,2})(?:[:：时時点]|$)/.exec(cleanText(raw));
  const h = m ? Number(m[1]) : NaN;
  return h >= 0 && h <= 23 ? h : undefined;
}

/** A rating as a number of stars, or as 好评/中评/差评 (Taobao's three grades). */
export function readRating(raw: string): number | undefined {
  const s = cleanText(raw);
  const grade = { 好评: 5, 中评: 3, 差评: 1, positive: 5, neutral: 3, negative: 1 }[s.toLowerCase()];
  if (grade) return grade;
  const stars = /^([1-5])(\.0)?\s*(星|分|stars?)?$/i.exec(s) ?? (/^★{1,5}$/.test(s) ? [s, String(s.length)] : null);
  return stars ? Number(stars[1]) : undefined;
}

/**
 * Wall-clock times of one zone as instants, with the zone's offset worked out once per wall hour:
 * Intl's time-zone arithmetic costs tens of µs a call, and a million-row export has two times a row.
 */
export function zoneReader(timeZone: string): (w: WallTime) => number {
  const offsets = new Map<number, number>();
  return (w) => {
    const day = w.day ?? Number(w.date.replace(/-/g, ""));
    const hour = w.hour ?? 0;
    const key = day * 100 + hour;
    let offset = offsets.get(key);
    const local = Date.UTC(Math.floor(day / 10000), (Math.floor(day / 100) % 100) - 1, day % 100, hour);
    if (offset === undefined) {
      offset = local - instantOf({ date: w.date, hour }, timeZone).getTime();
      offsets.set(key, offset);
    }
    return local + (w.minute ?? 0) * 60_000 + (w.second ?? 0) * 1000 - offset;
  };
}

/** An instant's date and hour in a zone, worked out once per quarter hour (every zone's offset is a multiple). */
export function localHours(timeZone: string): (ms: number) => { date: string; hour: number } {
  const seen = new Map<number, { date: string; hour: number }>();
  return (ms) => {
    const key = Math.floor(ms / 900_000);
    let v = seen.get(key);
    if (!v) {
      const at = new Date(key * 900_000);
      v = { date: formatInZone(at, timeZone, "yyyy-MM-dd"), hour: Number(formatInZone(at, timeZone, "H")) };
      seen.set(key, v);
    }
    return v;
  };
}

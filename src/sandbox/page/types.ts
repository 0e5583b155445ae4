// What the sandbox page reads from /sandbox/api/state, and two small helpers with no page state.
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Person {
  id: string;
  name: string;
  realName?: string;
  title?: string;
  locale?: string;
  tz?: string;
}
export interface Msg {
  channel: string;
  ts: string;
  threadTs?: string;
  user?: string;
  text: string;
  blocks?: Json[];
  /** Where Slack carries a report's table block. */
  attachments?: Json[];
  files?: { id: string; name: string; title: string; mimetype: string }[];
  ephemeralFor?: string;
  edited?: boolean;
}
/** A canvas in a channel's tabs, as the stand-in keeps it (its sections of canvas markdown). */
export interface CanvasDoc {
  id: string;
  title: string;
  channel?: string;
  sections: { id: string; type: string; markdown: string }[];
}
/** A Slack List shared with a channel, as the stand-in keeps it (cells by column id). */
export interface ListDoc {
  id: string;
  name: string;
  channel?: string;
  columns: { id: string; key: string; name: string; type: string }[];
  items: { id: string; fields: Record<string, unknown>; updatedBy: string }[];
}
export interface State {
  me: string;
  people: Person[];
  channels: { id: string; name: string }[];
  messages: Msg[];
  views: { id: string; view: Json }[];
  home: Json | null;
  canvases: CanvasDoc[];
  lists: ListDoc[];
  clock: { now: string; offsetMs: number };
  commands: { command: string; hint: string; description: string }[];
  shortcuts: { name: string; callbackId: string }[];
  demo: "none" | "loading" | "ready";
  /** The storm demo's progress: urgent cases opened so far, of how many. */
  storm: { running: boolean; opened: number; total: number } | null;
}

export const zoneTime = (iso: string | number, tz?: string) =>
  new Intl.DateTimeFormat("en-GB", {
    timeZone: tz ?? "Asia/Shanghai",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    weekday: "short",
  }).format(new Date(iso));

/** Whether a modal field holds no answer (for the required-field check before submitting). */
export function isEmpty(v: Json | undefined): boolean {
  if (!v) return true;
  const picked =
    v.value ??
    v.selected_option ??
    v.selected_date ??
    v.selected_user ??
    v.selected_conversation ??
    v.selected_options ??
    v.selected_users ??
    v.selected_conversations;
  return picked === null || picked === undefined || picked === "" || (Array.isArray(picked) && picked.length === 0);
}

/** The DM between the bot and a person, as the stand-in names it. */
export const dmId = (userId: string) => `D${userId.slice(1)}`;

/** How far `tz` is ahead of UTC at the instant `ms`, in ms. */
function offsetAt(ms: number, tz: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * A wall time typed in a datetime-local box ("2026-12-07T09:05"), read in the acting person's zone
 * rather than the browser's, as an instant.
 */
export function wallTimeIn(local: string, tz: string): Date {
  const [d, t] = local.split("T");
  const [y, mo, da] = d!.split("-").map(Number);
  const [h, mi] = (t ?? "00:00").split(":").map(Number);
  const guess = Date.UTC(y!, mo! - 1, da!, h!, mi!);
  // Twice: the offset at the guess may differ from the offset at the answer across a DST change.
  const first = guess - offsetAt(guess, tz);
  return new Date(guess - offsetAt(first, tz));
}

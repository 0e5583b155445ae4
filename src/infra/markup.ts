// Text that goes into chat messages. Slack reads &, < and > as control characters in mrkdwn and
// in a message's top-level `text` (that is how <!channel>, <@U…> and links are written), so any
// piece of user or webhook data placed there is escaped as Slack documents. plain_text objects
// are not parsed for mentions and Slack escapes them itself: they get the raw characters back.

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/** User or webhook data, made safe to place inside mrkdwn or a message's `text`. */
export function esc(s: string | number | null | undefined): string {
  if (s === null || s === undefined) return "";
  return String(s).replace(/[&<>]/g, (c) => ESC[c]!);
}

/** The inverse of esc(), for plain_text fields that show text built for mrkdwn. */
export function unesc(s: string): string {
  return s.replace(/&(amp|lt|gt);/g, (_m, e: string) => (e === "amp" ? "&" : e === "lt" ? "<" : ">"));
}

/** Special mentions that notify a whole channel or workspace. */
export const BROADCAST_RE = /<!(channel|here|everyone)(\|[^>]*)?>/i;

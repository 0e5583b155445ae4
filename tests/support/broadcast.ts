// Finds the places in a message Slack would parse for mentions: the top-level `text` and every
// mrkdwn text object. plain_text objects, and a table's raw_text cells, are shown as written and
// never notify anyone.
import { BROADCAST_RE } from "../../src/infra/markup.ts";

export function parsedTexts(body: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, parentIsPlain = false) => {
    if (Array.isArray(v)) return v.forEach((x) => walk(x));
    if (v === null || typeof v !== "object") return;
    const o = v as Record<string, unknown>;
    const plain = o.type === "plain_text" || o.type === "raw_text";
    for (const [k, x] of Object.entries(o)) {
      if (k === "text" && typeof x === "string" && !plain && !parentIsPlain) out.push(x);
      else if (k === "initial_comment" && typeof x === "string") out.push(x);
      else walk(x, plain);
    }
  };
  walk(body);
  return out;
}

/** The broadcast mentions (<!channel>, <!here>, <!everyone>) a message would fire. */
export function broadcastsIn(body: unknown): string[] {
  return parsedTexts(body).flatMap((t) => (BROADCAST_RE.test(t) ? [t] : []));
}

/** User mentions (<@U…>) in parsed text, for checking that user text doesn't ping people. */
export function userMentionsIn(body: unknown): string[] {
  return parsedTexts(body).flatMap((t) => [...t.matchAll(/<@([A-Z0-9]+)(\|[^>]*)?>/g)].map((m) => m[1]!));
}

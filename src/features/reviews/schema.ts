// What /reviews accepts, validated before anything is written.
import { CATEGORIES, CAUSES, SEVERITIES, type Category, type Cause, type Severity } from "./rules.ts";

export type ReviewsCommand =
  | { sub: "channel"; channelId: string }
  | { sub: "route"; cause: Cause; userId: string }
  | { sub: "keywords" }
  | { sub: "keyword-remove"; word: string }
  | { sub: "keyword-add"; word: string; category: Category; severity: Severity }
  | { sub: "briefing-me" }
  | { sub: "briefing-now"; channelId: string }
  | { sub: "briefing-off"; channelId: string }
  | { sub: "briefing"; channelId: string; time: string }
  | { sub: "import" }
  | { sub: "hints" }
  | { sub: "hint-add" | "hint-remove"; cause: Cause; word: string }
  | { sub: "hint-reset" };

const channelRe = /^<#([CG][A-Z0-9]+)(\|[^>]*)?>$/;
const userRe = /^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/;
const timeRe = /^([01]\d|2[0-3]):[0-5]\d$/;
const one = <T extends string>(list: readonly T[], v: string | undefined): v is T => list.includes(v as T);

function parseKeyword([verb, word, category, severity]: string[]): ReviewsCommand | undefined {
  if (verb === "remove" && word) return { sub: "keyword-remove", word };
  if (verb !== "add" || !word || word.length > 40) return undefined;
  if (!one(CATEGORIES, category) || !one(SEVERITIES, severity)) return undefined;
  return { sub: "keyword-add", word, category, severity };
}

function parseHint([verb, cause, ...word]: string[]): ReviewsCommand | undefined {
  if (verb === "reset" && !cause) return { sub: "hint-reset" };
  const text = word.join(" ");
  if ((verb !== "add" && verb !== "remove") || !one(CAUSES, cause) || !text || text.length > 200) return undefined;
  return { sub: verb === "add" ? "hint-add" : "hint-remove", cause, word: text };
}

function parseBriefing(rest: string[]): ReviewsCommand | undefined {
  const [first, second] = rest;
  if (first === "now" && (!second || second === "me")) return { sub: "briefing-me" };
  if (first === "now" || first === "off") {
    const channelId = channelRe.exec(second ?? "")?.[1];
    return channelId ? { sub: first === "now" ? "briefing-now" : "briefing-off", channelId } : undefined;
  }
  const channelId = channelRe.exec(first ?? "")?.[1];
  const time = second ?? "09:00";
  return channelId && timeRe.test(time) ? { sub: "briefing", channelId, time } : undefined;
}

/** The command, or undefined when the words make none (the caller shows the usage). */
export function parseReviewsCommand(words: string[]): ReviewsCommand | undefined {
  const [sub = "", ...rest] = words;
  switch (sub.toLowerCase()) {
    case "channel": {
      const channelId = channelRe.exec(rest[0] ?? "")?.[1];
      return channelId ? { sub: "channel", channelId } : undefined;
    }
    case "route": {
      const cause = (rest[0] ?? "").toLowerCase();
      const userId = userRe.exec(rest[1] ?? "")?.[1];
      return one(CAUSES, cause) && userId ? { sub: "route", cause, userId } : undefined;
    }
    case "keywords":
      return { sub: "keywords" };
    case "keyword":
      return parseKeyword(rest);
    case "briefing":
      return parseBriefing(rest);
    case "import":
      return { sub: "import" };
    case "hints":
      return { sub: "hints" };
    case "hint":
      return parseHint(rest);
  }
  return undefined;
}

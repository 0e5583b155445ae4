// @-mentions within a budget: a person or a user group is pinged at most once per group interval
// in a channel. A mention past the budget, and every person named in a roll-up's lines, is
// written as their name without the <@…> that makes Slack notify them.
import type { Sql } from "../../infra/db/sql.ts";

/** The names of people, from what Slack told us of them (users.info), by user id. */
export type NameOf = (userIds: string[]) => Promise<Map<string, string>>;

const MENTION = /<@([UW][A-Z0-9]+)(?:\|([^>]*))?>|<!subteam\^([A-Z0-9]+)(?:\|([^>]*))?>/g;

/** Who a piece of mrkdwn pings: user ids, and "subteam^S…" for user groups. */
export function mentionTargets(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(MENTION)) out.add(m[1] ?? `subteam^${m[3]}`);
  return [...out];
}

/** Every string in a message body where Slack reads mrkdwn (text, and the blocks' text fields). */
function strings(body: unknown, visit: (s: string) => string): unknown {
  if (typeof body === "string") return visit(body);
  if (Array.isArray(body)) return body.map((b) => strings(b, visit));
  if (body && typeof body === "object") {
    const o = body as Record<string, unknown>;
    // Buttons, options and plain_text never ping: only mrkdwn text does.
    if (o.type === "plain_text") return o;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o))
      out[k] = k === "text" || k === "blocks" || k === "elements" || k === "fields" ? strings(v, visit) : v;
    return out;
  }
  return body;
}

/** Rewrites the mentions of `quiet` targets as plain names (`@name`). */
export function dePing<T>(body: T, quiet: Set<string>, names: Map<string, string>): T {
  if (!quiet.size) return body;
  return strings(body, (s) =>
    s.replace(MENTION, (whole, user?: string, userLabel?: string, group?: string, groupLabel?: string) => {
      const target = user ?? `subteam^${group}`;
      if (!quiet.has(target)) return whole;
      if (user) return `@${names.get(user) ?? userLabel ?? user}`;
      return groupLabel ? (groupLabel.startsWith("@") ? groupLabel : `@${groupLabel}`) : `@${group}`;
    }),
  ) as T;
}

export function bodyTargets(body: unknown): string[] {
  const found = new Set<string>();
  strings(body, (s) => {
    for (const t of mentionTargets(s)) found.add(t);
    return s;
  });
  return [...found];
}

/**
 * Applies the channel's mention budget to a post about to be sent: targets pinged there within
 * `intervalMs` are named instead, and the others are recorded as pinged now. DMs are exempt
 * (a mention in a DM pings no one new).
 */
export async function budgetMentions<T>(
  sql: Sql,
  channel: string,
  body: T,
  now: Date,
  intervalMs: number,
  nameOf: NameOf,
): Promise<T> {
  if (intervalMs <= 0 || /^[UWD]/.test(channel)) return body;
  const targets = bodyTargets(body);
  if (!targets.length) return body;
  // Taking a target's ping is one statement: the row is written only when its last ping is older
  // than the interval, and the statement says whether it was. Two replicas sending into one
  // channel at once can't both read "not pinged yet" and both ping (they did, on PostgreSQL).
  const since = new Date(now.getTime() - intervalMs);
  const quiet = new Set<string>();
  for (const t of [...new Set(targets)].sort()) {
    const won = await sql.all<{ target: string }>(
      `INSERT INTO "MentionLog" ("channel", "target", "at") VALUES (?, ?, ?)
       ON CONFLICT ("channel", "target") DO UPDATE SET "at" = excluded."at" WHERE "MentionLog"."at" <= ?
       RETURNING "target"`,
      [channel, t, now, since],
    );
    if (!won.length) quiet.add(t);
  }
  if (!quiet.size) return body;
  const names = await nameOf([...quiet].filter((t) => !t.startsWith("subteam^")));
  return dePing(body, quiet, names);
}

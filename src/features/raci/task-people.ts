// Whose language a task speaks in: each person's own for their DMs, the channel's for its card and
// notes, looked up before a transaction (lookups may read the database or ask Slack).
import { channelTranslator } from "../../people/channels.ts";
import type { Deps } from "../../deps.ts";
import type { Db } from "../../infra/db/db.ts";
import { translator, type Translator } from "../../infra/i18n.ts";
import { userContext } from "../../people/people.ts";
import type { Task } from "../../generated/prisma/client.ts";

/** The workspace's language: for someone whose own language is unknown. */
export const channelT = (deps: Deps): Translator => translator(deps.config.DEFAULT_LOCALE);

/** The task's channel's language (its card and thread notes); `db` is the caller's transaction. */
export const taskChannelT = (db: Db, deps: Deps, task: Pick<Task, "channelId">): Promise<Translator> =>
  channelTranslator(deps, task.channelId, db);
export const tr = async (deps: Deps, userId: string) => (await userContext(deps, userId)).t;

export type Translators = Map<string, Translator>;

/** Each person's translator, looked up before a transaction (lookups read the database). */
export async function translatorsFor(deps: Deps, ids: string[]): Promise<Translators> {
  const m: Translators = new Map();
  for (const id of new Set(ids.filter((x) => /^[UW]/.test(x)))) m.set(id, await tr(deps, id));
  return m;
}

export function peopleOf(input: { r: string[]; a: string[] | string; c: string[] }): string[] {
  return [...input.r, ...(Array.isArray(input.a) ? input.a : [input.a]), ...input.c];
}

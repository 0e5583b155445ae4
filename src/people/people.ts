// Who someone is to the bot: their language, time zone and whether they are an admin. The domain
// asks through this port (deps.people) and never learns where the answer comes from; the Slack
// implementation (src/slack/user-context.ts) asks users.info and keeps the answers in the database.
import { DomainError } from "../infra/errors.ts";
import type { Locale, MessageKey, Translator } from "../infra/i18n.ts";

export interface UserContext {
  userId: string;
  locale: Locale;
  timeZone: string;
  t: Translator;
}

export interface People {
  context(userId: string): Promise<UserContext>;
  /** The bot's one admin rule: the workspace's admins and owners, and ADMIN_USER_IDS. */
  isAdmin(userId: string): Promise<boolean>;
  /** Whether someone is a person of this workspace: false when Slack says there is no such user,
   * undefined when it can't say (Slack unreachable). */
  exists(userId: string): Promise<boolean | undefined>;
}

/** Deps, or anything else that carries the port. */
type HasPeople = { people: People };

export const userContext = (deps: HasPeople, userId: string): Promise<UserContext> => deps.people.context(userId);

export const isAdmin = (deps: HasPeople, userId: string): Promise<boolean> => deps.people.isAdmin(userId);

/** Throws `key` (a feature's own words for what needs an admin) unless the user is an admin. */
export async function assertAdmin(deps: HasPeople, userId: string, key: MessageKey): Promise<void> {
  if (!(await deps.people.isAdmin(userId))) throw new DomainError(key);
}

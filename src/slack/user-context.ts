// The People port (src/people/people.ts) answered from Slack: who is asking and in what
// language/time zone. Slash commands carry no locale, so we ask users.info once and keep the
// answer in the database (shared by every replica); a language chosen with /shopops language wins.
import type { Deps } from "../deps.ts";
import { DomainError } from "../infra/errors.ts";
import { toLocale, translator, type Locale, type MessageKey } from "../infra/i18n.ts";
import type { People, UserContext } from "../people/people.ts";
import { SlackCallError } from "./api.ts";

/** deps.people, answered from Slack. */
export function slackPeople(deps: Deps): People {
  return {
    context: (userId) => userContext(deps, userId),
    isAdmin: (userId) => isAdmin(deps, userId),
    exists: (userId) => userExists(deps, userId),
  };
}

const cacheMs = 24 * 3600_000;
// A small in-process cache in front of the table: most requests then touch no database at all
// before they are answered. Keyed per database so tests with separate databases don't mix. Short,
// because another replica may change what it holds (a language chosen there).
const memo = new WeakMap<object, Map<string, { at: number; profile: Profile }>>();
const memoMs = 30_000;
type Profile = {
  name?: string | null;
  locale: string | null;
  tz: string | null;
  chosenLocale: string | null;
  isAdmin: boolean;
  fetchedAt: Date;
} | null;

export async function userContext(deps: Deps, userId: string): Promise<UserContext> {
  const { config } = deps;
  const profile = await cachedProfile(deps, userId);
  const locale = toLocale(profile?.chosenLocale) ?? toLocale(profile?.locale) ?? config.DEFAULT_LOCALE;
  return { userId, locale, timeZone: profile?.tz ?? config.DEFAULT_TIMEZONE, t: translator(locale) };
}

/**
 * The bot's one admin rule, the same in every feature: Slack workspace admins and owners (as
 * users.info says, checked at least hourly) and the people listed in ADMIN_USER_IDS.
 */
export async function isAdmin(deps: Deps, userId: string): Promise<boolean> {
  if (deps.config.ADMIN_USER_IDS.includes(userId)) return true;
  const profile = await cachedProfile(deps, userId, adminMaxAgeMs);
  return Boolean(profile?.isAdmin);
}

/** Throws `key` (a feature's own words for what needs an admin) unless the user is an admin. */
export async function assertAdmin(deps: Deps, userId: string, key: MessageKey): Promise<void> {
  if (!(await isAdmin(deps, userId))) throw new DomainError(key);
}

const adminMaxAgeMs = 3600_000;

async function cachedProfile(deps: Deps, userId: string, maxAgeMs = cacheMs): Promise<Profile> {
  const now = deps.clock.now().getTime();
  let cache = memo.get(deps.db);
  if (!cache) memo.set(deps.db, (cache = new Map()));
  const hit = cache.get(userId);
  if (hit && now - hit.at < memoMs && (!hit.profile || now - hit.profile.fetchedAt.getTime() <= maxAgeMs))
    return hit.profile;
  const profile = await loadProfile(deps, userId, maxAgeMs);
  cache.set(userId, { at: now, profile });
  return profile;
}

async function loadProfile(deps: Deps, userId: string, maxAgeMs: number): Promise<Profile> {
  const { db, clock } = deps;
  let profile: Profile = await db.userProfile.findUnique({ where: { userId } });
  if (!profile || clock.now().getTime() - profile.fetchedAt.getTime() > maxAgeMs) {
    const fetched = await fetchProfile(deps, userId);
    if (fetched) {
      profile = await db.userProfile.upsert({
        where: { userId },
        create: { userId, ...fetched, fetchedAt: clock.now() },
        update: { ...fetched, fetchedAt: clock.now() },
      });
    }
  }
  return profile;
}

async function fetchProfile(
  deps: Deps,
  userId: string,
): Promise<{ locale: string | null; tz: string | null; isAdmin: boolean; name: string | null } | undefined> {
  try {
    const r = await deps.slack.call("users.info", { user: userId, include_locale: true });
    const user = r.user as
      | {
          name?: string;
          real_name?: string;
          locale?: string;
          tz?: string;
          is_admin?: boolean;
          is_owner?: boolean;
          is_primary_owner?: boolean;
          profile?: { display_name?: string; real_name?: string };
        }
      | undefined;
    return {
      // The name Slack shows: the display name if the person set one, else the full name.
      name: user?.profile?.display_name || user?.profile?.real_name || user?.real_name || user?.name || null,
      locale: user?.locale ?? null,
      tz: user?.tz ?? null,
      isAdmin: Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner),
    };
  } catch (e) {
    // A user we can't look up still gets an answer, in the workspace's default language.
    deps.log.warn({ err: e, userId }, "users.info failed; using workspace defaults");
    return undefined;
  }
}

/** Whether Slack knows the person (users.info): false only for Slack's own "no such user". */
export async function userExists(deps: Deps, userId: string): Promise<boolean | undefined> {
  try {
    await deps.slack.call("users.info", { user: userId });
    return true;
  } catch (e) {
    if (
      e instanceof SlackCallError &&
      e.failure.type === "permanent" &&
      /user_not_found|user_not_visible/.test(e.failure.reason)
    )
      return false;
    return undefined;
  }
}

/**
 * People's names as Slack shows them, for naming someone without pinging them (a roll-up's
 * lines, a mention past its budget). Known names come from the table; a few unknown ones are
 * asked of Slack (and kept); the rest go without a name.
 */
export async function namesOf(deps: Deps, userIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!userIds.length) return out;
  const now = deps.clock.now().getTime();
  let cache = memo.get(deps.db);
  if (!cache) memo.set(deps.db, (cache = new Map()));
  const asked: string[] = [];
  for (const u of new Set(userIds)) {
    const hit = cache.get(u);
    if (hit?.profile?.name && now - hit.at < memoMs) out.set(u, hit.profile.name);
    else asked.push(u);
  }
  if (!asked.length) return out;
  const rows = await deps.db.userProfile.findMany({ where: { userId: { in: asked } } });
  for (const r of rows) {
    if (!r.name) continue;
    out.set(r.userId, r.name);
    cache.set(r.userId, { at: now, profile: r });
  }
  for (const u of asked.filter((x) => !out.has(x)).slice(0, 10)) {
    cache.delete(u);
    const p = await loadProfile(deps, u, 0);
    if (p?.name) out.set(u, p.name);
  }
  return out;
}

export async function chooseLocale(deps: Deps, userId: string, locale: Locale | null): Promise<void> {
  memo.get(deps.db)?.delete(userId);
  await deps.db.userProfile.upsert({
    where: { userId },
    create: { userId, chosenLocale: locale, fetchedAt: new Date(0) },
    update: { chosenLocale: locale },
  });
}

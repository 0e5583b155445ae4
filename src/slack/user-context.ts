// Who is asking and in what language/time zone. Slash commands carry no locale, so we ask
// users.info once and cache the answer; a language chosen with /shopops language wins.
import type { Deps } from "../deps.ts";
import { toLocale, translator, type Locale, type Translator } from "../infra/i18n.ts";

export interface UserContext {
  userId: string;
  locale: Locale;
  timeZone: string;
  t: Translator;
}

const cacheMs = 24 * 3600_000;

export async function userContext(deps: Deps, userId: string): Promise<UserContext> {
  const { db, clock, config } = deps;
  let profile = await db.userProfile.findUnique({ where: { userId } });
  if (!profile || clock.now().getTime() - profile.fetchedAt.getTime() > cacheMs) {
    const fetched = await fetchProfile(deps, userId);
    if (fetched) {
      profile = await db.userProfile.upsert({
        where: { userId },
        create: { userId, ...fetched, fetchedAt: clock.now() },
        update: { ...fetched, fetchedAt: clock.now() },
      });
    }
  }
  const locale = toLocale(profile?.chosenLocale) ?? toLocale(profile?.locale) ?? config.DEFAULT_LOCALE;
  return { userId, locale, timeZone: profile?.tz ?? config.DEFAULT_TIMEZONE, t: translator(locale) };
}

async function fetchProfile(deps: Deps, userId: string): Promise<{ locale: string | null; tz: string | null } | undefined> {
  try {
    const r = await deps.slack.call("users.info", { user: userId, include_locale: true });
    const user = r.user as { locale?: string; tz?: string } | undefined;
    return { locale: user?.locale ?? null, tz: user?.tz ?? null };
  } catch (e) {
    // A user we can't look up still gets an answer, in the workspace's default language.
    deps.log.warn({ err: e, userId }, "users.info failed; using workspace defaults");
    return undefined;
  }
}

export async function chooseLocale(deps: Deps, userId: string, locale: Locale | null): Promise<void> {
  await deps.db.userProfile.upsert({
    where: { userId },
    create: { userId, chosenLocale: locale, fetchedAt: new Date(0) },
    update: { chosenLocale: locale },
  });
}

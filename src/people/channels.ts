// A channel's language. Messages posted into a channel (cards, checklists, alerts, digests, notes)
// are read by many people, so they speak the channel's language: the one an admin set with
// `/shopops language #channel en|zh-CN`, else the workspace's DEFAULT_LOCALE. A DM speaks its
// reader's language (people.ts). Every message is built in exactly one of the two.
import type { Config } from "../config.ts";
import type { Clock } from "../infra/clock.ts";
import { toLocale, translator, type Locale, type Translator } from "../infra/i18n.ts";
import type { Db } from "../infra/db/db.ts";
import { marks, type Sql } from "../infra/db/sql.ts";

/** What a channel's language is read with: the database, the clock (for the memo), the default. */
type Needs = { sql: Sql; clock: Clock; config: Pick<Config, "DEFAULT_LOCALE"> };

// Read on every channel message: kept 30 s per process (another replica may change it).
const memo = new WeakMap<object, Map<string, { at: number; locale: Locale }>>();
const MEMO_MS = 30_000;

export async function channelLocale(deps: Needs, channelId: string, tx?: Db): Promise<Locale> {
  return (await channelLocales(deps, [channelId], tx)).get(channelId)!;
}

/** The translator for messages posted in `channelId`; inside a transaction, pass it (`tx`). */
export async function channelTranslator(deps: Needs, channelId: string, tx?: Db): Promise<Translator> {
  return translator(await channelLocale(deps, channelId, tx));
}

/** The language of each channel, with one query for those not remembered (for job batches). */
export async function channelLocales(
  deps: Needs,
  channelIds: readonly string[],
  tx?: Db,
): Promise<Map<string, Locale>> {
  let m = memo.get(deps.sql);
  if (!m) memo.set(deps.sql, (m = new Map()));
  const now = deps.clock.now().getTime();
  const out = new Map<string, Locale>();
  const missing: string[] = [];
  for (const id of new Set(channelIds)) {
    const hit = m.get(id);
    if (hit && Math.abs(now - hit.at) < MEMO_MS) out.set(id, hit.locale);
    else missing.push(id);
  }
  for (let i = 0; i < missing.length; i += 500) {
    const slice = missing.slice(i, i + 500);
    const rows = tx
      ? await tx.channelSetting.findMany({
          where: { channelId: { in: slice } },
          select: { channelId: true, locale: true },
        })
      : await deps.sql.all<{ channelId: string; locale: string }>(
          `SELECT "channelId", "locale" FROM "ChannelSetting" WHERE "channelId" IN (${marks(slice.length)})`,
          slice,
        );
    const set = new Map(rows.map((r) => [r.channelId, toLocale(r.locale)]));
    for (const id of slice) {
      const locale = set.get(id) ?? deps.config.DEFAULT_LOCALE;
      m.set(id, { at: now, locale });
      out.set(id, locale);
    }
  }
  return out;
}

/** Sets (or, with null, clears) a channel's language. */
export async function setChannelLocale(
  deps: Needs & { db: Db },
  channelId: string,
  locale: Locale | null,
  by: string,
): Promise<void> {
  if (locale) {
    const row = { locale, updatedBy: by, updatedAt: deps.clock.now() };
    await deps.db.channelSetting.upsert({ where: { channelId }, create: { channelId, ...row }, update: row });
  } else {
    await deps.db.channelSetting.deleteMany({ where: { channelId } });
  }
  memo.get(deps.sql)?.delete(channelId);
}

/** Looks up every channel's translator at once; unknown channels get the workspace's. */
export async function channelTranslators(
  deps: Needs,
  channelIds: readonly string[],
  tx?: Db,
): Promise<(channelId: string) => Translator> {
  const locales = await channelLocales(deps, channelIds, tx);
  const cache = new Map<Locale, Translator>();
  return (id) => {
    const l = locales.get(id) ?? deps.config.DEFAULT_LOCALE;
    if (!cache.has(l)) cache.set(l, translator(l));
    return cache.get(l)!;
  };
}

// The team's keyword list, seeded from the defaults the first time it is read.
import { recordAction } from "../../audit/audit.ts";
import type { Deps } from "../../deps.ts";
import type { Db } from "../../infra/db/db.ts";
import { DEFAULT_KEYWORDS } from "./defaults.ts";
import { Matcher } from "./matcher.ts";
import { normalise } from "./fold.ts";
import type { Category, Keyword, Severity } from "./rules.ts";

const cache = new WeakMap<object, Matcher>();

export async function listKeywords(db: Db): Promise<Keyword[]> {
  if (
    (await db.reviewKeyword.count()) === 0 &&
    (await db.reviewSetting.findUnique({ where: { key: "keywords-seeded" } })) === null
  ) {
    await db.reviewKeyword.createMany({
      data: DEFAULT_KEYWORDS.map(([word, category, severity]) => ({
        word,
        category,
        severity,
        createdAt: new Date(0),
      })),
    });
    await db.reviewSetting.create({ data: { key: "keywords-seeded", value: "1" } });
  }
  const rows = await db.reviewKeyword.findMany({ orderBy: { word: "asc" } });
  return rows.map((r) => ({ word: r.word, category: r.category as Category, severity: r.severity as Severity }));
}

export async function matcherFor(deps: Pick<Deps, "db">): Promise<Matcher> {
  let m = cache.get(deps.db);
  if (!m) {
    m = new Matcher(await listKeywords(deps.db));
    cache.set(deps.db, m);
  }
  return m;
}

export async function addKeyword(deps: Deps, userId: string, k: Keyword): Promise<void> {
  await listKeywords(deps.db);
  const word = normalise(k.word);
  await deps.db.$transaction(async (tx) => {
    const before = await tx.reviewKeyword.findUnique({ where: { word } });
    await tx.reviewKeyword.upsert({
      where: { word },
      create: { word, category: k.category, severity: k.severity, createdBy: userId, createdAt: deps.clock.now() },
      update: { category: k.category, severity: k.severity },
    });
    await recordAction(tx, deps.clock, {
      actorId: userId,
      feature: "reviews",
      action: "keyword_saved",
      objectType: "keyword",
      objectId: word,
      objectLabel: word,
      before: before ? `${before.category} ${before.severity}` : null,
      after: `${k.category} ${k.severity}`,
    });
  });
  cache.delete(deps.db);
}

export async function removeKeyword(deps: Deps, userId: string, word: string): Promise<boolean> {
  await listKeywords(deps.db);
  const w = normalise(word);
  const r = await deps.db.$transaction(async (tx) => {
    const before = await tx.reviewKeyword.findUnique({ where: { word: w } });
    const gone = await tx.reviewKeyword.deleteMany({ where: { word: w } });
    if (before)
      await recordAction(tx, deps.clock, {
        actorId: userId,
        feature: "reviews",
        action: "keyword_removed",
        objectType: "keyword",
        objectId: w,
        objectLabel: w,
        before: `${before.category} ${before.severity}`,
      });
    return gone;
  });
  cache.delete(deps.db);
  return r.count > 0;
}

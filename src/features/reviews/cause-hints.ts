// The team's cause hints: what a negative review that names no keyword's cause is read for, per
// cause. Kept as one setting (a JSON list of [cause, pattern]); the built-in list until a team
// changes it. A word added is matched as written; the built-in ones are patterns.
import { z } from "zod";
import { recordAction } from "../../audit/audit.ts";
import type { Deps } from "../../deps.ts";
import type { Db } from "../../infra/db/db.ts";
import { storedOr } from "../../infra/db/stored.ts";
import { CAUSES, compileHints, DEFAULT_CAUSE_HINTS, type Cause, type CompiledHints } from "./rules.ts";

const KEY = "causeHints";
const Stored = z.array(z.tuple([z.enum(CAUSES), z.string()]));
type Hints = [Cause, string][];

const cache = new WeakMap<object, CompiledHints>();

export async function listHints(db: Db): Promise<Hints> {
  const row = await db.reviewSetting.findUnique({ where: { key: KEY } });
  return row
    ? storedOr(
        Stored,
        row.value,
        DEFAULT_CAUSE_HINTS.map(([c, p]) => [c, p] as [Cause, string]),
      )
    : DEFAULT_CAUSE_HINTS.map(([c, p]) => [c, p] as [Cause, string]);
}

/** The compiled hints new reviews are read with (kept until the team changes them). */
export async function hintsFor(deps: Pick<Deps, "db">): Promise<CompiledHints> {
  let h = cache.get(deps.db);
  if (!h) cache.set(deps.db, (h = compileHints(await listHints(deps.db))));
  return h;
}

/** A word or phrase, matched as written, to be read as a sign of `cause`. */
export const literal = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

async function save(deps: Deps, userId: string, hints: Hints, what: string, label: string): Promise<void> {
  await deps.db.$transaction(async (tx) => {
    await tx.reviewSetting.upsert({
      where: { key: KEY },
      create: { key: KEY, value: JSON.stringify(hints) },
      update: { value: JSON.stringify(hints) },
    });
    await recordAction(tx, deps.clock, {
      actorId: userId,
      feature: "reviews",
      action: what,
      objectType: "cause_hint",
      objectId: label,
      objectLabel: label,
      before: null,
      after: label,
    });
  });
  cache.delete(deps.db);
}

export async function addHint(deps: Deps, userId: string, cause: Cause, word: string): Promise<boolean> {
  const hints = await listHints(deps.db);
  const pattern = literal(word);
  if (hints.some(([c, p]) => c === cause && p === pattern)) return false;
  await save(deps, userId, [...hints, [cause, pattern]], "cause_hint_added", `${cause} ${word}`);
  return true;
}

export async function removeHint(deps: Deps, userId: string, cause: Cause, word: string): Promise<boolean> {
  const hints = await listHints(deps.db);
  // A word added by the team, or a built-in pattern quoted exactly as `/reviews hints` lists it.
  const kept = hints.filter(([c, p]) => !(c === cause && (p === literal(word) || p === word)));
  if (kept.length === hints.length) return false;
  await save(deps, userId, kept, "cause_hint_removed", `${cause} ${word}`);
  return true;
}

export async function resetHints(deps: Deps, userId: string): Promise<void> {
  await save(
    deps,
    userId,
    DEFAULT_CAUSE_HINTS.map(([c, p]) => [c, p] as [Cause, string]),
    "cause_hints_reset",
    "built-in",
  );
}

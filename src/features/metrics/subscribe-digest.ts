// Digest subscriptions: one per (target, store), where the target is a person's DM or a channel.
// Replacing or ending one cancels its planned timers first, so an old 09:30 never fires after the
// new 08:00 was set.
import { recordAction } from "../../audit/audit.ts";
import type { Deps } from "../../deps.ts";
import { DomainError } from "../../infra/errors.ts";
import { isAdmin } from "../../people/people.ts";
import { cancelTimers } from "../../scheduler/timers.ts";
import { digestOwner, planNextDigest } from "./digest.ts";

export interface DigestWish {
  target: string;
  store: string;
  cadence: "daily" | "weekly";
  weekday: number | null;
  time: string;
  timeZone: string;
}

/** Only admins send digests into a channel; anyone may have one in their own DM. */
async function assertMaySend(deps: Deps, userId: string, target: string, store: string) {
  if (target !== userId && !(await isAdmin(deps, userId)))
    throw new DomainError("metrics.error.digestChannel", { store });
}

async function cancelExisting(deps: Deps, target: string, store: string) {
  const existing = await deps.db.digestSubscription.findMany({ where: { target, store } });
  for (const e of existing) await cancelTimers(deps.db, deps.clock, digestOwner(e.id));
  await deps.db.digestSubscription.deleteMany({ where: { target, store } });
}

export async function subscribeDigest(deps: Deps, userId: string, w: DigestWish): Promise<void> {
  await assertMaySend(deps, userId, w.target, w.store);
  await cancelExisting(deps, w.target, w.store);
  const s = await deps.db.digestSubscription.create({ data: { ...w, createdBy: userId, createdAt: deps.clock.now() } });
  await planNextDigest(deps, s);
  await recordAction(deps.db, deps.clock, {
    actorId: userId,
    feature: "metrics",
    action: "digest_on",
    objectType: "digest",
    objectId: s.id,
    objectLabel: `${w.store} ${w.cadence} ${w.time}`,
    after: `${w.cadence} ${w.time} ${w.timeZone}`,
    channel: w.target,
  });
}

export async function unsubscribeDigest(deps: Deps, userId: string, target: string, store: string): Promise<void> {
  await assertMaySend(deps, userId, target, store);
  await cancelExisting(deps, target, store);
  await recordAction(deps.db, deps.clock, {
    actorId: userId,
    feature: "metrics",
    action: "digest_off",
    objectType: "digest",
    objectId: `${target}:${store}`,
    objectLabel: store,
    channel: target,
  });
}

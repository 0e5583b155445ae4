// Where critical reviews are alerted, who owns each cause in the briefing, and the channels that
// get a daily briefing (admins). Replacing or ending a briefing cancels its timers first.
import { recordAction } from "../../audit/audit.ts";
import type { Deps } from "../../deps.ts";
import { assertAdmin } from "../../people/people.ts";
import { cancelTimers } from "../../scheduler/timers.ts";
import { briefingOwner, planNextBriefing } from "./briefing.ts";
import type { Cause } from "./rules.ts";

/** A setting and its line in the audit trail, together. */
async function setting(deps: Deps, userId: string, key: string, value: string) {
  await deps.db.$transaction(async (tx) => {
    const before = await tx.reviewSetting.findUnique({ where: { key } });
    await tx.reviewSetting.upsert({ where: { key }, create: { key, value }, update: { value } });
    await recordAction(tx, deps.clock, {
      actorId: userId,
      feature: "reviews",
      action: "setting",
      objectType: "setting",
      objectId: key,
      objectLabel: key,
      before: before?.value,
      after: value,
    });
  });
}

const admin = (deps: Deps, userId: string) => assertAdmin(deps, userId, "reviews.error.admin");

export async function setAlertChannel(deps: Deps, userId: string, channelId: string): Promise<void> {
  await admin(deps, userId);
  await setting(deps, userId, "alertChannel", channelId);
}

export async function routeCause(deps: Deps, userId: string, cause: Cause, ownerId: string): Promise<void> {
  await admin(deps, userId);
  await setting(deps, userId, `route:${cause}`, ownerId);
}

export async function subscribeBriefing(
  deps: Deps,
  userId: string,
  b: { channelId: string; time: string; timeZone: string },
): Promise<void> {
  await admin(deps, userId);
  const existing = await deps.db.reviewSubscription.findUnique({ where: { channelId: b.channelId } });
  if (existing) await cancelTimers(deps.db, deps.clock, briefingOwner(existing.id));
  const saved = await deps.db.reviewSubscription.upsert({
    where: { channelId: b.channelId },
    create: { ...b, createdBy: userId, createdAt: deps.clock.now() },
    update: { time: b.time, timeZone: b.timeZone },
  });
  await planNextBriefing(deps, saved);
  await recordAction(deps.db, deps.clock, {
    actorId: userId,
    feature: "reviews",
    action: "briefing_on",
    objectType: "briefing",
    objectId: saved.id,
    objectLabel: `briefing ${b.time} ${b.timeZone}`,
    before: existing ? `${existing.time} ${existing.timeZone}` : null,
    after: `${b.time} ${b.timeZone}`,
    channel: b.channelId,
  });
}

export async function unsubscribeBriefing(deps: Deps, userId: string, channelId: string): Promise<void> {
  await admin(deps, userId);
  const s = await deps.db.reviewSubscription.findUnique({ where: { channelId } });
  if (!s) return;
  await cancelTimers(deps.db, deps.clock, briefingOwner(s.id));
  await deps.db.$transaction(async (tx) => {
    await tx.reviewSubscription.delete({ where: { id: s.id } });
    await recordAction(tx, deps.clock, {
      actorId: userId,
      feature: "reviews",
      action: "briefing_off",
      objectType: "briefing",
      objectId: s.id,
      objectLabel: `briefing ${s.time} ${s.timeZone}`,
      before: `${s.time} ${s.timeZone}`,
      channel: channelId,
    });
  });
}

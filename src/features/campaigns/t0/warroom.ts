// The T0 war room's settings: start it now (it also starts by itself at T0 00:00), the day's GMV
// plan, the promotion's own hourly thresholds, stop it. Each is the owner's or an admin's, audited.
import { recordAction } from "../../../audit/audit.ts";
import type { Deps } from "../../../deps.ts";
import { DomainError } from "../../../infra/errors.ts";
import { storedOr } from "../../../infra/db/stored.ts";
import { isAdmin } from "../../../people/people.ts";
import type { Campaign, WarRoom } from "../../../generated/prisma/client.ts";
import { claim } from "../../../infra/db/claim.ts";
import { formatDuration } from "../../../infra/duration.ts";
import { todayIn } from "../../../infra/time.ts";
import { TargetsShape } from "../rules.ts";
import { findCampaign } from "../manage.ts";
import { DEFAULT_THRESHOLDS, type Thresholds as Levels } from "./plan.ts";
import { DEFAULT_INTERVAL_MS, defaultStore } from "./room.ts";
import { refreshRoom } from "./refresh.ts";

const Targets = TargetsShape;

export interface StartWish {
  store?: string;
  intervalMs?: number;
  plan?: number;
}

export async function startWarRoom(
  deps: Deps,
  ref: string,
  actorId: string,
  w: StartWish,
): Promise<{ c: Campaign; room: WarRoom }> {
  const c = await findCampaign(deps, ref);
  if (c.ownerId !== actorId && !(await isAdmin(deps, actorId)))
    throw new DomainError("t0.error.notOwner", { owner: c.ownerId });
  const store =
    w.store ?? (await deps.db.warRoom.findUnique({ where: { campaignId: c.id } }))?.store ?? (await defaultStore(deps));
  if (!store) throw new DomainError("t0.error.noStore", { number: c.number });
  const now = deps.clock.now();
  const room = await deps.db.$transaction(async (tx) => {
    if (w.plan !== undefined) {
      const targets = { ...storedOr(Targets, c.targets, {}), gmv: w.plan };
      await tx.campaign.update({ where: { id: c.id }, data: { targets: JSON.stringify(targets) } });
    }
    const data = {
      store,
      channelId: c.channelId,
      mode: "on",
      day: todayIn(now, c.timeZone),
      ...(w.intervalMs ? { intervalMs: w.intervalMs } : {}),
      refreshedAt: null,
      endedAt: null,
    };
    const saved = await tx.warRoom.upsert({
      where: { campaignId: c.id },
      create: { campaignId: c.id, intervalMs: DEFAULT_INTERVAL_MS, createdAt: now, ...data },
      update: { ...data, version: { increment: 1 } },
    });
    await recordAction(tx, deps.clock, {
      actorId,
      feature: "promo",
      action: "warroom_on",
      objectType: "promotion",
      objectId: c.id,
      objectLabel: `#${c.number} ${c.name}`,
      after: `${store} ${formatDuration(saved.intervalMs)}${w.plan !== undefined ? ` plan ${w.plan}` : ""}`,
      channel: c.channelId,
    });
    return saved;
  });
  await refreshRoom(deps, room.id);
  return { c, room };
}

/** The day's GMV plan for T0 (the war room's "plan" line and the plan curve the rules use). */
export async function setDayPlan(deps: Deps, ref: string, actorId: string, plan: number): Promise<Campaign> {
  const c = await findCampaign(deps, ref);
  if (c.ownerId !== actorId && !(await isAdmin(deps, actorId)))
    throw new DomainError("t0.error.notOwner", { owner: c.ownerId });
  return deps.db.$transaction(async (tx) => {
    if (!(await claim(tx, "Campaign", { id: c.id, version: c.version })))
      throw new DomainError("promo.error.changed", { number: c.number });
    const before = storedOr(Targets, c.targets, {});
    const saved = await tx.campaign.update({
      where: { id: c.id },
      data: { targets: JSON.stringify({ ...before, gmv: plan }) },
    });
    await recordAction(tx, deps.clock, {
      actorId,
      feature: "promo",
      action: "t0_plan",
      objectType: "promotion",
      objectId: c.id,
      objectLabel: `#${c.number} ${c.name}`,
      before: before.gmv ?? null,
      after: plan,
      channel: c.channelId,
    });
    return saved;
  });
}

/** The team's own hourly thresholds for this promotion (shares under plan: notice, warning, critical). */
export async function setThresholds(deps: Deps, ref: string, actorId: string, th: Levels): Promise<Campaign> {
  const c = await findCampaign(deps, ref);
  if (c.ownerId !== actorId && !(await isAdmin(deps, actorId)))
    throw new DomainError("t0.error.notOwner", { owner: c.ownerId });
  if (!(th.notice > 0 && th.notice <= th.warning && th.warning <= th.critical && th.critical < 1))
    throw new DomainError("t0.error.rules", {
      value: `${th.notice * 100}% ${th.warning * 100}% ${th.critical * 100}%`,
    });
  return deps.db.$transaction(async (tx) => {
    if (!(await claim(tx, "Campaign", { id: c.id, version: c.version })))
      throw new DomainError("promo.error.changed", { number: c.number });
    const before = storedOr(Targets, c.targets, {});
    const saved = await tx.campaign.update({
      where: { id: c.id },
      data: { targets: JSON.stringify({ ...before, t0Rules: th }) },
    });
    const show = (x: Levels) => `${x.notice * 100}% ${x.warning * 100}% ${x.critical * 100}%`;
    await recordAction(tx, deps.clock, {
      actorId,
      feature: "promo",
      action: "t0_rules",
      objectType: "promotion",
      objectId: c.id,
      objectLabel: `#${c.number} ${c.name}`,
      before: show(before.t0Rules ?? DEFAULT_THRESHOLDS),
      after: show(th),
      channel: c.channelId,
    });
    return saved;
  });
}

export async function stopWarRoom(deps: Deps, ref: string, actorId: string): Promise<Campaign> {
  const c = await findCampaign(deps, ref);
  if (c.ownerId !== actorId && !(await isAdmin(deps, actorId)))
    throw new DomainError("t0.error.notOwner", { owner: c.ownerId });
  const room = await deps.db.warRoom.findUnique({ where: { campaignId: c.id } });
  await deps.db.$transaction(async (tx) => {
    if (room) await tx.warRoom.update({ where: { id: room.id }, data: { mode: "off", version: { increment: 1 } } });
    else
      await tx.warRoom.create({
        data: {
          campaignId: c.id,
          store: "",
          channelId: c.channelId,
          intervalMs: DEFAULT_INTERVAL_MS,
          mode: "off",
          day: c.eventDate,
          createdAt: deps.clock.now(),
        },
      });
    await recordAction(tx, deps.clock, {
      actorId,
      feature: "promo",
      action: "warroom_off",
      objectType: "promotion",
      objectId: c.id,
      objectLabel: `#${c.number} ${c.name}`,
      before: room?.mode ?? "auto",
      after: "off",
      channel: c.channelId,
    });
  });
  return c;
}

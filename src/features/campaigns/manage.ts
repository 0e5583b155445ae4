// Changing a promotion: its items' state and owners, its date, the go/no-go, cancelling it.
import { recordAction } from "../../audit/audit.ts";
import { channelTranslator } from "../../people/channels.ts";
import { claim } from "../../infra/db/claim.ts";
import type { Deps } from "../../deps.ts";
import { DomainError } from "../../infra/errors.ts";
import { t, type MessageKey, type Params } from "../../infra/i18n.ts";
import type { Db } from "../../infra/db/db.ts";
import { cancelTimers } from "../../scheduler/timers.ts";
import { isAdmin, userContext } from "../../people/people.ts";
import type { Campaign, CampaignItem } from "../../generated/prisma/client.ts";
import { textIn } from "./rules.ts";
import { isRealDate, shiftDate, todayIn } from "../../infra/time.ts";
import { planCampaignTimers, planItemReminders, prefix } from "./schedule.ts";
import { refreshChecklist } from "./notify.ts";

/** A line in the checklist message's thread, in its channel's language. */
async function noteOnChecklist(tx: Db, deps: Deps, c: Campaign, key: MessageKey, params: Params) {
  const text = (await channelTranslator(deps, c.channelId, tx))(key, params);
  return deps.outbox.enqueue(tx, {
    kind: "post",
    channel: c.channelId,
    threadOfId: c.checklistMsgId ?? undefined,
    body: { text },
  });
}

export async function findCampaign(deps: Deps, ref: string): Promise<Campaign> {
  const n = Number(ref.replace(/^#/, ""));
  const c = Number.isInteger(n) ? await deps.db.campaign.findUnique({ where: { number: n } }) : null;
  if (!c) throw new DomainError("promo.error.notFound", { ref: ref.replace(/^#/, "") });
  return c;
}

/** A checklist item by id, or the words for one that is gone. */
export async function findItem(deps: Deps, itemId: string) {
  const item = await deps.db.campaignItem.findUnique({ where: { id: itemId } });
  if (!item) throw new DomainError("promo.error.notFound", { ref: itemId });
  return item;
}

async function assertOwner(deps: Deps, c: Campaign, userId: string) {
  if (c.ownerId !== userId && !(await isAdmin(deps, userId)))
    throw new DomainError("promo.error.notOwner", { owner: c.ownerId });
}

/** The campaign as it was checked, still active; else someone moved, cancelled or signed it first. */
async function claimCampaign(tx: Db, c: Campaign): Promise<void> {
  if (!(await claim(tx, "Campaign", { id: c.id, version: c.version, statuses: ["active"] })))
    throw new DomainError("promo.error.changed", { number: c.number });
}

function assertActive(deps: Deps, c: Campaign) {
  if (c.status !== "active")
    throw new DomainError("promo.error.inactive", {
      number: c.number,
      status: t(deps.config.DEFAULT_LOCALE, "promo.status.cancelled"),
    });
}

export interface ItemChange {
  status?: "open" | "done" | "na";
  ownerId?: string;
  note?: string | null;
  naReason?: string | null;
}

export async function changeItem(
  deps: Deps,
  itemId: string,
  actorId: string,
  change: ItemChange,
): Promise<CampaignItem> {
  const item = await deps.db.campaignItem.findUnique({ where: { id: itemId }, include: { campaign: true } });
  if (!item) throw new DomainError("promo.error.notFound", { ref: itemId });
  const c = item.campaign;
  assertActive(deps, c);
  if (item.ownerId !== actorId && c.ownerId !== actorId && !(await isAdmin(deps, actorId)))
    throw new DomainError("promo.error.notItemOwner");
  if (change.status === "na" && !change.naReason) throw new DomainError("promo.error.reason");
  const newOwner = change.ownerId && change.ownerId !== item.ownerId ? change.ownerId : undefined;
  const ownerTz = (await userContext(deps, newOwner ?? item.ownerId)).timeZone;
  const saved = await deps.db.$transaction(async (tx) => {
    if (!(await claim(tx, "CampaignItem", { id: item.id, version: item.version })))
      throw new DomainError("promo.error.changed", { number: c.number });
    const status = change.status ?? item.status;
    const updated = await tx.campaignItem.update({
      where: { id: itemId },
      data: {
        status,
        ownerId: newOwner ?? item.ownerId,
        note: change.note !== undefined ? change.note : item.note,
        naReason: status === "na" ? (change.naReason ?? item.naReason) : null,
        doneAt: status === "done" ? (item.doneAt ?? deps.clock.now()) : null,
        doneBy: status === "done" ? (item.doneBy ?? actorId) : null,
      },
    });
    // Reminders follow the item: gone once it is done or n/a, re-planned for a new owner.
    await cancelTimers(tx, deps.clock, `promo:${c.id}`, `${prefix(c.id)}g${c.gen}:item:${item.id}:`);
    await planItemReminders(tx, deps.clock, c, updated, ownerTz);
    await refreshChecklist(tx, deps, c.id);
    const label = `#${c.number} ${c.name} · ${textIn(item.title, deps.config.DEFAULT_LOCALE)}`;
    const base = {
      actorId,
      feature: "promo",
      objectType: "item",
      objectId: item.id,
      objectLabel: label,
      channel: c.channelId,
    } as const;
    if (status !== item.status)
      await recordAction(tx, deps.clock, { ...base, action: `item_${status}`, before: item.status, after: status });
    if (newOwner)
      await recordAction(tx, deps.clock, { ...base, action: "item_owner", before: item.ownerId, after: newOwner });
    return updated;
  });
  deps.wakeScheduler();
  return saved;
}

/** Moves the event day: open items' due dates and every pending reminder move with it. */
export async function moveCampaign(deps: Deps, ref: string, actorId: string, newDate: string): Promise<Campaign> {
  const c = await findCampaign(deps, ref);
  await assertOwner(deps, c, actorId);
  assertActive(deps, c);
  if (!isRealDate(newDate)) throw new DomainError("promo.error.date", { date: newDate });
  const today = todayIn(deps.clock.now(), c.timeZone);
  if (newDate < today) throw new DomainError("promo.error.past", { date: newDate, today });
  const items = await deps.db.campaignItem.findMany({ where: { campaignId: c.id } });
  const tz = new Map<string, string>();
  for (const owner of new Set(items.map((i) => i.ownerId))) tz.set(owner, (await userContext(deps, owner)).timeZone);
  const saved = await deps.db.$transaction(async (tx) => {
    await claimCampaign(tx, c);
    await cancelTimers(tx, deps.clock, `promo:${c.id}`);
    const moved = await tx.campaign.update({ where: { id: c.id }, data: { eventDate: newDate, gen: c.gen + 1 } });
    for (const i of items.filter((x) => x.status === "open")) {
      await tx.campaignItem.update({ where: { id: i.id }, data: { dueDate: shiftDate(newDate, i.offsetDays) } });
    }
    const fresh = await tx.campaignItem.findMany({ where: { campaignId: c.id }, orderBy: { seq: "asc" } });
    await planCampaignTimers(tx, deps.clock, moved, fresh, (u) => tz.get(u) ?? c.timeZone);
    await refreshChecklist(tx, deps, c.id);
    await noteOnChecklist(tx, deps, c, "promo.moved", { by: actorId, name: c.name, from: c.eventDate, to: newDate });
    await recordAction(tx, deps.clock, {
      actorId,
      feature: "promo",
      action: "moved",
      objectType: "promotion",
      objectId: c.id,
      objectLabel: `#${c.number} ${c.name}`,
      before: c.eventDate,
      after: newDate,
      channel: c.channelId,
    });
    return moved;
  });
  deps.wakeScheduler();
  return saved;
}

export async function cancelCampaign(deps: Deps, ref: string, actorId: string): Promise<Campaign> {
  const c = await findCampaign(deps, ref);
  await assertOwner(deps, c, actorId);
  assertActive(deps, c);
  return deps.db.$transaction(async (tx) => {
    await claimCampaign(tx, c);
    await cancelTimers(tx, deps.clock, `promo:${c.id}`);
    const saved = await tx.campaign.update({ where: { id: c.id }, data: { status: "cancelled", gen: c.gen + 1 } });
    await refreshChecklist(tx, deps, c.id);
    await noteOnChecklist(tx, deps, c, "promo.cancelled", { by: actorId, name: c.name });
    await recordAction(tx, deps.clock, {
      actorId,
      feature: "promo",
      action: "cancelled",
      objectType: "promotion",
      objectId: c.id,
      objectLabel: `#${c.number} ${c.name}`,
      before: "active",
      after: "cancelled",
      channel: c.channelId,
    });
    return saved;
  });
}

/** The T-7 go/no-go: the owner signs once every readiness item is done or not applicable. */
export async function signGate(deps: Deps, campaignId: string, actorId: string): Promise<Campaign> {
  const c = await deps.db.campaign.findUnique({ where: { id: campaignId } });
  if (!c) throw new DomainError("promo.error.notFound", { ref: campaignId });
  await assertOwner(deps, c, actorId);
  assertActive(deps, c);
  const open = await deps.db.campaignItem.findMany({ where: { campaignId, gate: true, status: "open" } });
  if (open.length) {
    const locale = (await userContext(deps, actorId)).locale;
    throw new DomainError("promo.error.gateOpen", { items: open.map((i) => textIn(i.title, locale)).join("; ") });
  }
  return deps.db.$transaction(async (tx) => {
    await claimCampaign(tx, c);
    const saved = await tx.campaign.update({
      where: { id: c.id },
      data: { gate: JSON.stringify({ by: actorId, at: deps.clock.now().toISOString() }) },
    });
    await refreshChecklist(tx, deps, c.id);
    await noteOnChecklist(tx, deps, c, "promo.gate.signed", { by: actorId, name: c.name });
    await recordAction(tx, deps.clock, {
      actorId,
      feature: "promo",
      action: "gate_signed",
      objectType: "promotion",
      objectId: c.id,
      objectLabel: `#${c.number} ${c.name}`,
      after: "go",
      channel: c.channelId,
    });
    return saved;
  });
}

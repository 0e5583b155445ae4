import type { Deps } from "../../deps.ts";
import { recordAction } from "../../audit/audit.ts";
import type { Db } from "../../infra/db/db.ts";
import { DomainError } from "../../infra/errors.ts";
import { createOnce } from "../../infra/db/seen.ts";
import { userContext } from "../../people/people.ts";
import type { Campaign } from "../../generated/prisma/client.ts";
import { isRealDate, todayIn } from "../../infra/time.ts";
import { planChecklist, type Kind, type Targets } from "./rules.ts";
import { planCampaignTimers } from "./schedule.ts";
import { renderChecklist } from "./notify.ts";
import { BUILTIN, latestTemplate } from "./templates.ts";

export interface NewCampaign {
  actorId: string;
  name: string;
  kind: Kind;
  eventDate: string;
  channelId: string;
  ownerId: string;
  targets: Targets;
  templateName?: string;
  /** The request it comes from (a modal's view id): the same request creates one promotion. */
  requestKey?: string;
  /** More work in the same transaction (a workflow step's completion): all of it or none. */
  then?: (tx: Db, c: Campaign) => Promise<void>;
}

/** Creates a promotion, its checklist, its message and its reminders, all or nothing. */
export async function createCampaign(deps: Deps, input: NewCampaign): Promise<Campaign> {
  const timeZone = deps.config.DEFAULT_TIMEZONE;
  if (!isRealDate(input.eventDate)) throw new DomainError("promo.error.date", { date: input.eventDate });
  const today = todayIn(deps.clock.now(), timeZone);
  if (input.eventDate < today) throw new DomainError("promo.error.past", { date: input.eventDate, today });
  const templateName = input.templateName ?? BUILTIN;
  const found = await latestTemplate(deps.db, templateName);
  if (!found) throw new DomainError("promo.error.templateUnknown", { name: templateName });
  const planned = planChecklist(found.template, input.eventDate);
  const owner = await userContext(deps, input.ownerId);

  const created = await deps.db.$transaction(async (tx) => {
    await createOnce(tx, input.requestKey, deps.clock.now());
    const counter = await tx.counter.upsert({
      where: { name: "campaign" },
      create: { name: "campaign", value: 1 },
      update: { value: { increment: 1 } },
    });
    const c = await tx.campaign.create({
      data: {
        number: counter.value,
        name: input.name,
        kind: input.kind,
        eventDate: input.eventDate,
        timeZone,
        channelId: input.channelId,
        ownerId: input.ownerId,
        targets: JSON.stringify(input.targets),
        templateId: found.row.id,
        createdAt: deps.clock.now(),
      },
    });
    // Every item starts with the promotion's owner; owners reassign from the checklist.
    await tx.campaignItem.createMany({
      data: planned.map((p) => ({
        campaignId: c.id,
        stage: p.stage,
        seq: p.seq,
        title: JSON.stringify(p.title),
        doneMeans: JSON.stringify(p.doneMeans),
        role: p.role,
        ownerId: input.ownerId,
        offsetDays: p.offsetDays,
        dueDate: p.dueDate,
        gate: p.gate,
      })),
    });
    const items = await tx.campaignItem.findMany({ where: { campaignId: c.id }, orderBy: { seq: "asc" } });
    const { id } = await deps.outbox.enqueue(tx, {
      kind: "post",
      channel: input.channelId,
      body: await renderChecklist(tx, deps, c),
      actorId: input.actorId,
    });
    const saved = await tx.campaign.update({ where: { id: c.id }, data: { checklistMsgId: id } });
    await planCampaignTimers(tx, deps.clock, saved, items, () => owner.timeZone);
    await recordAction(tx, deps.clock, {
      actorId: input.actorId,
      feature: "promo",
      action: "created",
      objectType: "promotion",
      objectId: c.id,
      objectLabel: `#${c.number} ${c.name}`,
      after: input.eventDate,
      channel: input.channelId,
    });
    await input.then?.(tx, saved);
    return saved;
  });
  deps.wakeScheduler();
  return created;
}

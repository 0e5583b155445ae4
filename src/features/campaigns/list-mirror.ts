// A promotion's checklist mirrored into a Slack List (/promo list 3): stage, item, owner, due date
// and done as columns, one row per item. The self-editing checklist message stays the source and
// the default; the List follows each change of it (notify.ts), and an item ticked or unticked in
// the List comes back as that item's change, made as the person who ticked it (slack-lists.ts).
import type { Deps } from "../../deps.ts";
import { recordAction } from "../../audit/audit.ts";
import { DomainError } from "../../infra/errors.ts";
import { isAdmin } from "../../people/people.ts";
import type { Campaign } from "../../generated/prisma/client.ts";
import { findCampaign } from "./manage.ts";
import { checklistList } from "./notify-list.ts";

/** Turns the mirror on: the List is made (or brought into step) and follows the checklist from now on. */
export async function mirrorChecklist(deps: Deps, ref: string, actorId: string): Promise<Campaign> {
  const c = await findCampaign(deps, ref);
  if (c.ownerId !== actorId && !(await isAdmin(deps, actorId)))
    throw new DomainError("promo.error.notOwner", { owner: c.ownerId });
  return deps.db.$transaction(async (tx) => {
    const saved = await tx.campaign.update({ where: { id: c.id }, data: { mirrorList: true } });
    await deps.outbox.enqueue(tx, { ...(await checklistList(tx, deps, saved)), actorId });
    if (!c.mirrorList)
      await recordAction(tx, deps.clock, {
        actorId,
        feature: "promo",
        action: "list_mirrored",
        objectType: "promotion",
        objectId: c.id,
        objectLabel: `#${c.number} ${c.name}`,
        channel: c.channelId,
      });
    return saved;
  });
}

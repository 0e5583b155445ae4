// The checklists' Slack Lists read back: every two minutes each mirrored checklist's List is read
// (src/slack/capability/list-poll.ts), and an item ticked or unticked there is that item's change,
// made as the person who ticked it. A change that person may not make (not the item's owner, the
// promotion's owner or an admin; a cancelled promotion) is undone in the List: the checklist is
// sent to it again, as it is.
import type { Deps } from "../../deps.ts";
import { DomainError } from "../../infra/errors.ts";
import type { JobKind, RecurringJob } from "../../scheduler/types.ts";
import { pollLists } from "../../slack/capability/list-poll.ts";
import { DONE_COLUMN, LIST_PREFIX } from "./notify-list.ts";
import { changeItem } from "./manage.ts";
import { refreshChecklist } from "./notify.ts";

export const JOB_LIST_POLL = "promo.lists.poll";

export const listRecurring: RecurringJob = {
  name: "promo.lists",
  cron: "*/2 * * * *",
  timeZone: "UTC",
  kind: JOB_LIST_POLL,
};

async function fromList(deps: Deps, itemId: string, checked: boolean, by: string | undefined): Promise<void> {
  const item = await deps.db.campaignItem.findUnique({ where: { id: itemId }, include: { campaign: true } });
  if (!item) return;
  const wanted = checked ? "done" : "open";
  if (item.status === wanted) return;
  try {
    await changeItem(deps, itemId, by ?? item.campaign.ownerId, { status: wanted });
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    deps.log.info({ itemId, by, reason: e.key }, "a tick in the Slack List was undone");
    await refreshChecklist(deps.db, deps, item.campaignId);
  }
}

export const listPoll: JobKind<Deps> = {
  kind: JOB_LIST_POLL,
  async run(deps) {
    await pollLists(deps, LIST_PREFIX, DONE_COLUMN, (_doc, rowKey, checked, by) => fromList(deps, rowKey, checked, by));
  },
};

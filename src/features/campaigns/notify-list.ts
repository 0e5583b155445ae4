// A promotion's checklist as a Slack List: stage, item, owner, due date and done as columns, one
// row per item, in the channel's language. Queued with every change of the checklist (notify.ts)
// once the promotion mirrors it (list-mirror.ts).
import type { Deps } from "../../deps.ts";
import type { Db } from "../../infra/db/db.ts";
import { translator } from "../../infra/i18n.ts";
import { channelLocale } from "../../people/channels.ts";
import type { Campaign } from "../../generated/prisma/client.ts";
import type { OutgoingMessage } from "../../outbox/message.ts";
import type { ListDocument } from "../../outbox/list.ts";
import { textIn } from "./rules.ts";

/** The List of a promotion's checklist: its key names it among the bot's Lists. */
export const LIST_PREFIX = "promo-list:";
export const DONE_COLUMN = "done";

export async function checklistList(db: Db, deps: Deps, c: Campaign): Promise<OutgoingMessage> {
  const items = await db.campaignItem.findMany({ where: { campaignId: c.id }, orderBy: { seq: "asc" } });
  const locale = await channelLocale(deps, c.channelId, db);
  const t = translator(locale);
  const list: ListDocument = {
    key: `${LIST_PREFIX}${c.id}`,
    name: t("promo.mirror.name", { number: c.number, name: c.name }),
    columns: [
      { key: "item", name: t("promo.mirror.item"), type: "text", primary: true },
      { key: "stage", name: t("promo.mirror.stage"), type: "text" },
      { key: "owner", name: t("promo.mirror.owner"), type: "user" },
      { key: "due", name: t("promo.mirror.due"), type: "date" },
      { key: DONE_COLUMN, name: t("promo.mirror.done"), type: "checkbox" },
    ],
    toggle: DONE_COLUMN,
    rows: items.map((i) => ({
      key: i.id,
      cells: {
        item: textIn(i.title, locale),
        stage: i.stage,
        owner: i.ownerId,
        due: i.dueDate,
        [DONE_COLUMN]: i.status === "done",
      },
    })),
    made: t("promo.mirror.made"),
  };
  return { kind: "list", channel: c.channelId, list, body: { text: "" } };
}

// What a promotion says, and where: its checklist message (one message that edits itself), the
// owners' reminders and the stage openings. Services and jobs reach Block Kit through here.
import type { Deps } from "../../deps.ts";
import type { Db } from "../../infra/db/db.ts";
import { translator, type Translator } from "../../infra/i18n.ts";
import { stored } from "../../infra/db/stored.ts";
import { todayIn } from "../../infra/time.ts";
import type { Campaign } from "../../generated/prisma/client.ts";
import { channelLocale } from "../../people/channels.ts";
import { checklistMessage, promoNews, reminderDm } from "./blocks.ts";
import { StoredTemplate, type Template } from "./rules.ts";
import type { OutgoingMessage } from "../../outbox/message.ts";
import { checklistList } from "./notify-list.ts";

/** Queues an edit of the checklist message (the outbox keeps only the newest pending edit), and of its List. */
export async function refreshChecklist(db: Db, deps: Deps, campaignId: string): Promise<void> {
  const c = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
  // A mirrored checklist's Slack List follows it (only the newest state of it is sent).
  if (c.mirrorList) await deps.outbox.enqueue(db, await checklistList(db, deps, c));
  if (!c.checklistMsgId) return;
  await deps.outbox.enqueue(db, {
    kind: "update",
    targetId: c.checklistMsgId,
    body: await renderChecklist(db, deps, c),
  });
}

export async function renderChecklist(db: Db, deps: Deps, c: Campaign) {
  const items = await db.campaignItem.findMany({ where: { campaignId: c.id }, orderBy: { seq: "asc" } });
  const tpl = await db.playbookTemplate.findUniqueOrThrow({ where: { id: c.templateId } });
  // The checklist speaks its channel's language.
  const locale = await channelLocale(deps, c.channelId, db);
  const tr = translator(locale);
  return checklistMessage(
    tr,
    locale,
    c,
    items,
    { name: tpl.name, version: tpl.version, body: stored(StoredTemplate, tpl.body, "playbook template") as Template },
    todayIn(deps.clock.now(), c.timeZone),
  );
}

/** An item's reminder in its owner's DM, with Done and Snooze; one line of a roll-up in a wave. */
export function reminderMessage(o: {
  ownerId: string;
  t: Translator;
  text: string;
  itemId: string;
  timerKey: string;
  overdue: boolean;
}): OutgoingMessage {
  return {
    kind: "post",
    channel: o.ownerId,
    body: reminderDm(o.t, o.text, o.itemId, o.timerKey),
    dedupeKey: `${o.timerKey}:dm`,
    // A reminder is a promise made for a time (09:00 on its day): urgent, so a wave of reminders
    // isn't kept behind other news (a complaint storm's DMs) for Slack's workspace post budget.
    priority: "urgent",
    group: promoNews("promo.reminders", o.t, o.text, o.overdue),
  };
}

/** An overdue item raised to the promotion's owner. */
export function raisedMessage(ownerId: string, t: Translator, text: string, timerKey: string): OutgoingMessage {
  return {
    kind: "post",
    channel: ownerId,
    body: { text },
    dedupeKey: `${timerKey}:raised`,
    priority: "urgent",
    group: promoNews("promo.reminders", t, text, true),
  };
}

/** A stage's opening in the promotion's channel. */
export async function announceStage(deps: Deps, c: Campaign, text: string, timerKey: string) {
  const t = translator(await channelLocale(deps, c.channelId));
  await deps.outbox.enqueue(deps.db, {
    kind: "post",
    channel: c.channelId,
    body: { text },
    dedupeKey: `${timerKey}:post`,
    group: promoNews("promo.channel", t, text, false),
  });
}

// The checklist message: one message per promotion that edits itself as items change.
import { z } from "zod";
import { stored } from "../../infra/db/stored.ts";
import type { Button, KnownBlock, SectionBlock } from "@slack/types";
import { esc } from "../../infra/markup.ts";
import { shiftDate } from "../../infra/time.ts";
import type { Campaign, CampaignItem } from "../../generated/prisma/client.ts";
import type { Locale, Translator } from "../../infra/i18n.ts";
import type { MessageBody, Grouping } from "../../outbox/message.ts";
import { ACTION } from "./ids.ts";
import { STAGES, textIn, type Kind, type Template } from "./rules.ts";

const md = (text: string) => ({ type: "mrkdwn" as const, text });
const plain = (text: string) => ({ type: "plain_text" as const, text: text.slice(0, 75), emoji: true });

export function progressBar(done: number, total: number, width = 10): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `${"▓".repeat(filled)}${"░".repeat(width - filled)} ${total === 0 ? 100 : Math.round((done / total) * 100)}%`;
}

export function itemIcon(i: CampaignItem, today: string): string {
  if (i.status === "done") return "✅";
  if (i.status === "na") return "🚫";
  return i.dueDate < today ? "🔴" : "⬜";
}

/** One checklist line: struck through when done or not applicable, with its menu while live. */
function itemBlock(t: Translator, locale: Locale, c: Campaign, i: CampaignItem, today: string): SectionBlock {
  let line = t("promo.checklist.item", {
    icon: itemIcon(i, today),
    title: textIn(i.title, locale),
    owner: i.ownerId,
    due: i.dueDate,
  });
  if (i.status === "done" || i.status === "na") line = `~${line}~`;
  if (i.status === "na" && i.naReason) line += ` _${t("promo.checklist.na", { reason: i.naReason })}_`;
  if (i.gate) line += ` · ${t("promo.checklist.gate")}`;
  if (i.note) line += `\n> ${esc(i.note).replace(/\n/g, "\n> ")}`;
  const block: SectionBlock = { type: "section", block_id: `item:${i.id}`, text: md(line.slice(0, 3000)) };
  if (c.status === "active") {
    block.accessory = {
      type: "overflow",
      action_id: ACTION.item,
      options: [
        i.status === "done"
          ? { text: plain(t("promo.item.reopen")), value: `reopen:${i.id}` }
          : { text: plain(t("promo.item.done")), value: `done:${i.id}` },
        { text: plain(t("promo.item.edit")), value: `edit:${i.id}` },
      ],
    };
  }
  return block;
}

export function checklistMessage(
  t: Translator,
  locale: Locale,
  c: Campaign,
  items: CampaignItem[],
  template: { name: string; version: number; body: Template },
  today: string,
): MessageBody {
  const counted = items.filter((i) => i.status !== "na");
  const done = counted.filter((i) => i.status === "done").length;
  const overdue = items.filter((i) => i.status === "open" && i.dueDate < today).length;
  const title = t("promo.checklist.title", {
    number: c.number,
    name: c.name,
    kind: t(`kind.${c.kind as Kind}`),
    date: c.eventDate,
  });
  const gate = c.gate ? stored(z.object({ by: z.string() }).loose(), c.gate, "go/no-go") : null;
  const blocks: KnownBlock[] = [
    { type: "section", text: md(`*${title}*`) },
    {
      type: "context",
      elements: [
        md(
          t("promo.checklist.owner", {
            owner: c.ownerId,
            template: template.name,
            version: template.version,
            status: t(`promo.status.${c.status as "active"}`),
          }),
        ),
        md(
          t("promo.checklist.progress", {
            bar: progressBar(done, counted.length),
            done,
            total: counted.length,
            overdue,
          }),
        ),
      ],
    },
  ];
  for (const key of STAGES) {
    const stageItems = items.filter((i) => i.stage === key).sort((a, b) => a.seq - b.seq);
    const stage = template.body.stages.find((s) => s.key === key);
    if (!stage || stageItems.length === 0) continue;
    // The stage's date comes from T, not from an item: a done item keeps the date it had when
    // the event moved, while the stage (and its open items) moved with T.
    const date = shiftDate(c.eventDate, Math.min(...stageItems.map((i) => i.offsetDays)));
    blocks.push({
      type: "section",
      text: md(t("promo.checklist.stage", { stage: key, date, title: textIn(stage.title, locale) })),
    });
    for (const i of stageItems) blocks.push(itemBlock(t, locale, c, i, today));
  }
  if (gate) blocks.push({ type: "context", elements: [md(t("promo.checklist.gateSigned", { by: gate.by }))] });
  else if (c.status === "active") {
    blocks.push({
      type: "actions",
      elements: [{ type: "button", action_id: ACTION.gate, text: plain(t("promo.btn.gate")), value: c.id }],
    });
  }
  return { text: title, blocks: blocks.slice(0, 50) };
}

/** A reminder DM: the reminder, then Done (the item, ticked from the DM) and Snooze (24 h). */
export function reminderDm(t: Translator, text: string, itemId: string, timerKey: string): MessageBody {
  const buttons: Button[] = [
    {
      type: "button",
      action_id: ACTION.doneFromDm,
      text: plain(t("promo.btn.doneFromDm")),
      value: itemId,
      style: "primary",
    },
    { type: "button", action_id: ACTION.snooze, text: plain(t("promo.btn.snooze")), value: timerKey.slice(0, 1900) },
  ];
  return {
    text,
    blocks: [
      { type: "section", text: md(text) },
      { type: "actions", elements: buttons },
    ],
  };
}

/** The reminder once its item is marked done from it: the same words, the buttons gone. */
export function reminderDone(t: Translator, text: string): MessageBody {
  return {
    text,
    blocks: [
      { type: "section", text: md(text) },
      { type: "context", elements: [md(t("promo.item.done"))] },
    ],
  };
}

/** App Home: a person's open items, with Done for the first five (an action_id each). */
export function homeBlocks(
  t: Translator,
  locale: Locale,
  items: (CampaignItem & { campaign: Pick<Campaign, "name"> })[],
  today: string,
): KnownBlock[] {
  const rows = items.map(
    (i) =>
      `• ${t("promo.home.row", { icon: itemIcon(i, today), title: textIn(i.title, locale), campaign: i.campaign.name, due: i.dueDate })}`,
  );
  const done: Button[] = items.slice(0, 5).map((i) => ({
    type: "button",
    action_id: `promo_item_done_home_${i.id}`,
    text: plain(`✅ ${textIn(i.title, locale).slice(0, 30)}`),
    value: i.id,
  }));
  return [
    { type: "section", text: md([t("promo.home.title"), ...rows].join("\n")) },
    { type: "actions", elements: done },
    { type: "divider" },
  ];
}

/**
 * A reminder or a stage opening as an item a roll-up can hold: a wave of 09:00 reminders to one
 * owner becomes one DM listing them; a channel's many stage openings, one message.
 */
export function promoNews(
  key: "promo.reminders" | "promo.channel",
  t: Translator,
  text: string,
  urgent: boolean,
): Grouping {
  return {
    key,
    item: {
      line: text.split("\n")[0]!,
      rank: urgent ? 1 : 2,
      head: { title: key === "promo.reminders" ? "rollup.promo.reminders" : "rollup.promo.channel", locale: t.locale },
    },
  };
}

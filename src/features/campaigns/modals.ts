// The promotion modals: create, edit an item, retrospective, import a template.
import { input, option, plain } from "../../slack/modal-kit.ts";
import type { Translator } from "../../infra/i18n.ts";
import type { CampaignItem } from "../../generated/prisma/client.ts";
import type { Locale } from "../../infra/i18n.ts";
import { textIn } from "./rules.ts";
import { VIEW_CREATE, VIEW_IMPORT, VIEW_ITEM, VIEW_RETRO } from "./ids.ts";
import { KINDS, type Kind } from "./rules.ts";

const modal = (callbackId: string, title: string, t: Translator, blocks: unknown[], meta: object = {}) => ({
  type: "modal",
  callback_id: callbackId,
  private_metadata: JSON.stringify(meta),
  title: plain(title.slice(0, 24)),
  submit: plain(t("promo.modal.submit")),
  close: plain(t("promo.modal.cancel")),
  blocks,
});

export function createModal(
  t: Translator,
  o: { userId: string; channelId?: string; templates: string[]; kind?: Kind; date?: string },
) {
  const kind = o.kind ?? "double11";
  return modal(VIEW_CREATE, t("promo.modal.title"), t, [
    input("name", t("promo.modal.name"), {
      type: "plain_text_input",
      max_length: 80,
      ...(o.kind ? { initial_value: t(`kind.${o.kind}`) } : {}),
    }),
    input("date", t("promo.modal.date"), { type: "datepicker", ...(o.date ? { initial_date: o.date } : {}) }),
    input("kind", t("promo.modal.kind"), {
      type: "static_select",
      initial_option: option(t(`kind.${kind}`), kind),
      options: KINDS.map((k) => option(t(`kind.${k}`), k)),
    }),
    input("channel", t("promo.modal.channel"), {
      type: "conversations_select",
      filter: { include: ["public", "private"], exclude_bot_users: true },
      ...(o.channelId ? { initial_conversation: o.channelId } : {}),
    }),
    input("owner", t("promo.modal.owner"), { type: "users_select", initial_user: o.userId }),
    input("template", t("promo.modal.template"), {
      type: "static_select",
      initial_option: option("builtin", "builtin"),
      options: o.templates.map((n) => option(n, n)),
    }),
    input("gmv", t("promo.modal.gmv"), { type: "plain_text_input", max_length: 20 }, true),
    input("new_customers", t("promo.modal.newCustomers"), { type: "plain_text_input", max_length: 20 }, true),
    input("roi", t("promo.modal.roi"), { type: "plain_text_input", max_length: 10 }, true),
    input("budget", t("promo.modal.budget"), { type: "plain_text_input", max_length: 20 }, true),
  ]);
}

export function itemModal(t: Translator, locale: Locale, item: CampaignItem) {
  const states = [
    option(t("promo.item.modal.open"), "open"),
    option(t("promo.item.modal.done"), "done"),
    option(t("promo.item.modal.na"), "na"),
  ];
  return modal(
    VIEW_ITEM,
    t("promo.item.modal.title"),
    t,
    [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `*${textIn(item.title, locale)}*\n${t("promo.checklist.doneMeans", { text: textIn(item.doneMeans, locale) })}`,
        },
      },
      input("owner", t("promo.item.modal.owner"), { type: "users_select", initial_user: item.ownerId }),
      input("status", t("promo.item.modal.status"), {
        type: "static_select",
        options: states,
        initial_option: states.find((s) => s.value === item.status),
      }),
      input(
        "note",
        t("promo.item.modal.note"),
        {
          type: "plain_text_input",
          multiline: true,
          max_length: 500,
          ...(item.note ? { initial_value: item.note } : {}),
        },
        true,
      ),
      input(
        "reason",
        t("promo.item.modal.reason"),
        { type: "plain_text_input", max_length: 300, ...(item.naReason ? { initial_value: item.naReason } : {}) },
        true,
      ),
    ],
    { itemId: item.id },
  );
}

export function retroModal(t: Translator, ref: string) {
  const n = (id: string, key: Parameters<Translator>[0]) =>
    input(id, t(key), { type: "plain_text_input", max_length: 20 });
  const long = (id: string, key: Parameters<Translator>[0]) =>
    input(id, t(key), { type: "plain_text_input", multiline: true, max_length: 2000 }, true);
  return modal(
    VIEW_RETRO,
    t("promo.retro.title"),
    t,
    [
      n("gmv", "promo.retro.gmv"),
      n("new_customers", "promo.retro.newCustomers"),
      n("spend", "promo.retro.spend"),
      n("uv", "promo.retro.uv"),
      n("buyers", "promo.retro.buyers"),
      long("success", "promo.retro.success"),
      long("failure", "promo.retro.failure"),
      long("whys", "promo.retro.whys"),
      long("actions", "promo.retro.actions"),
    ],
    { ref },
  );
}

export function importModal(t: Translator) {
  return modal(VIEW_IMPORT, t("promo.template.importTitle"), t, [
    input("yaml", t("promo.template.yaml"), { type: "plain_text_input", multiline: true, max_length: 3000 }),
  ]);
}

/**
 * The create form once submitted: it stays open and says what happened (creating…, then the
 * promotion and where its checklist is, or why not), so the answer is where the person acted.
 */
export function outcomeModal(t: Translator, text: string) {
  return {
    type: "modal" as const,
    callback_id: `${VIEW_CREATE}_done`,
    title: plain(t("promo.modal.title").slice(0, 24)),
    close: plain(t("promo.modal.close")),
    blocks: [{ type: "section" as const, text: { type: "mrkdwn" as const, text } }],
  };
}

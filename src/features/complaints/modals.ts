// The complaint feature's modals.
import { input, option, plain } from "../../slack/modal-kit.ts";
import { formatDuration } from "../../infra/duration.ts";
import type { Translator } from "../../infra/i18n.ts";
import { FIELD, VIEW_CREATE, VIEW_ESCALATE, VIEW_REMEDY } from "./ids.ts";
import { CAUSES, REMEDIES, type PolicySnapshot } from "./rules.ts";

export interface CreateMeta {
  channel?: string;
  ts?: string;
  threadTs?: string;
  link?: string;
}

export function createCaseModal(
  t: Translator,
  p: Pick<PolicySnapshot, "urgentAckMs" | "generalResolveMs">,
  prefill: { summary?: string; meta: CreateMeta },
) {
  const blocks: unknown[] = [
    input(FIELD.order, t("complaint.modal.order"), { type: "plain_text_input", max_length: 64 }),
    input(FIELD.customer, t("complaint.modal.customer"), { type: "plain_text_input", max_length: 80 }),
    input(FIELD.vip, t("complaint.modal.vip"), { type: "checkboxes", options: [option("⭐ VIP", "vip")] }, true),
    input(FIELD.cause, t("complaint.modal.cause"), {
      type: "static_select",
      options: CAUSES.map((c) => option(t(`cause.${c}`), c)),
    }),
    input(FIELD.urgency, t("complaint.modal.urgency"), {
      type: "radio_buttons",
      initial_option: {
        ...option(t("urgency.general"), "general"),
        description: plain(t("complaint.modal.urgency.general.hint", { limit: formatDuration(p.generalResolveMs) })),
      },
      options: [
        {
          ...option(t("urgency.urgent"), "urgent"),
          description: plain(t("complaint.modal.urgency.urgent.hint", { limit: formatDuration(p.urgentAckMs) })),
        },
        {
          ...option(t("urgency.general"), "general"),
          description: plain(t("complaint.modal.urgency.general.hint", { limit: formatDuration(p.generalResolveMs) })),
        },
      ],
    }),
    input(FIELD.summary, t("complaint.modal.summary"), {
      type: "plain_text_input",
      multiline: true,
      max_length: 2000,
      ...(prefill.summary ? { initial_value: prefill.summary.slice(0, 2000) } : {}),
    }),
  ];
  if (prefill.meta.link)
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: t("complaint.modal.source", { link: prefill.meta.link }) }],
    });
  return {
    type: "modal",
    callback_id: VIEW_CREATE,
    private_metadata: JSON.stringify(prefill.meta),
    title: plain(t("complaint.modal.title").slice(0, 24)),
    submit: plain(t("complaint.modal.submit")),
    close: plain(t("complaint.modal.cancel")),
    blocks,
  };
}

export function escalateModal(t: Translator, caseId: string, seen?: number) {
  return {
    type: "modal",
    callback_id: VIEW_ESCALATE,
    private_metadata: JSON.stringify({ caseId, seen }),
    title: plain(t("complaint.escalate.title").slice(0, 24)),
    submit: plain(t("complaint.modal.submit")),
    close: plain(t("complaint.modal.cancel")),
    blocks: [
      input(FIELD.reason, t("complaint.escalate.reason"), {
        type: "plain_text_input",
        multiline: true,
        max_length: 500,
      }),
    ],
  };
}

export function remedyModal(t: Translator, caseId: string, seen?: number) {
  return {
    type: "modal",
    callback_id: VIEW_REMEDY,
    private_metadata: JSON.stringify({ caseId, seen }),
    title: plain(t("complaint.remedy.title").slice(0, 24)),
    submit: plain(t("complaint.remedy.submit")),
    close: plain(t("complaint.modal.cancel")),
    blocks: [
      input(FIELD.remedyKind, t("complaint.remedy.kind"), {
        type: "static_select",
        options: REMEDIES.map((r) => option(t(`remedy.${r}`), r)),
      }),
      input(FIELD.amount, t("complaint.remedy.amount"), { type: "plain_text_input", max_length: 12 }, true),
      input(
        FIELD.note,
        t("complaint.remedy.note"),
        { type: "plain_text_input", multiline: true, max_length: 500 },
        true,
      ),
    ],
  };
}

import { input, plain } from "../../slack/modal-kit.ts";
import type { Translator } from "../../infra/i18n.ts";
import { VIEW_CREATE, VIEW_REASON } from "./ids.ts";
import type { TaskAction } from "./rules.ts";

export function createModal(t: Translator, o: { channelId?: string; description?: string; link?: string }) {
  return {
    type: "modal",
    callback_id: VIEW_CREATE,
    private_metadata: JSON.stringify({ link: o.link }),
    title: plain(t("raci.modal.title").slice(0, 24)),
    submit: plain(t("raci.modal.submit")),
    close: plain(t("raci.modal.cancel")),
    blocks: [
      input("title", t("raci.modal.name"), { type: "plain_text_input", max_length: 150 }),
      input(
        "description",
        t("raci.modal.description"),
        {
          type: "plain_text_input",
          multiline: true,
          max_length: 2000,
          ...(o.description ? { initial_value: o.description.slice(0, 2000) } : {}),
        },
        true,
      ),
      input("due", t("raci.modal.due"), { type: "datepicker" }),
      input("r", t("raci.modal.r"), { type: "multi_users_select" }),
      // A multi-select on purpose: picking two A's is answered with a clear refusal, not hidden.
      input("a", t("raci.modal.a"), { type: "multi_users_select", max_selected_items: 5 }),
      input("c", t("raci.modal.c"), { type: "multi_users_select" }, true),
      input(
        "i",
        t("raci.modal.i"),
        {
          type: "multi_conversations_select",
          filter: { include: ["public", "private", "im"], exclude_bot_users: true },
        },
        true,
      ),
      input("channel", t("raci.modal.channel"), {
        type: "conversations_select",
        ...(o.channelId ? { initial_conversation: o.channelId } : {}),
      }),
    ],
  };
}

export function reasonModal(
  t: Translator,
  label: "raci.reason.title" | "raci.answer.title",
  taskId: string,
  action: TaskAction,
) {
  return {
    type: "modal",
    callback_id: VIEW_REASON,
    private_metadata: JSON.stringify({ taskId, action }),
    title: plain(t(label).slice(0, 24)),
    submit: plain(t("raci.modal.submit")),
    close: plain(t("raci.modal.cancel")),
    blocks: [input("reason", t(label), { type: "plain_text_input", multiline: true, max_length: 1000 })],
  };
}

// Opening a case from Slack: the message shortcut, /complaint new, and the modal's submission.
import type { App } from "@slack/bolt";
import type { Deps } from "../../deps.ts";
import { DomainError } from "../../infra/errors.ts";
import { AlreadyDone } from "../../infra/db/seen.ts";
import { ackFirst } from "../../slack/ack.ts";
import { dmUser, errorText, replyEphemeral } from "../../slack/reply.ts";
import { userContext } from "../../people/people.ts";
import { FIELD, SHORTCUT_ESCALATE, VIEW_CREATE } from "./ids.ts";
import { createCaseModal, type CreateMeta as Meta } from "./modals.ts";
import { openCase } from "./open-case.ts";
import { loadPolicy } from "./policy.ts";
import { CreateMeta, CreateValues, orderRe } from "./schema.ts";

export async function openCreateModal(
  deps: Deps,
  userId: string,
  triggerId: string,
  prefill: { summary?: string; meta: Meta },
) {
  const user = await userContext(deps, userId);
  const policy = await loadPolicy(deps.db);
  // Without tiers no case can be opened: say so (with the command to run) before the form
  // opens, not under its Order number field after it has been filled in.
  if (![1, 2, 3].every((n) => policy.tiers.some((t) => t.tier === n))) throw new DomainError("complaint.error.noTiers");
  await deps.slack.call("views.open", { trigger_id: triggerId, view: createCaseModal(user.t, policy, prefill) });
}

async function permalink(deps: Deps, channel: string, ts: string): Promise<string | undefined> {
  try {
    const r = await deps.slack.call("chat.getPermalink", { channel, message_ts: ts });
    return r.permalink as string | undefined;
  } catch {
    return undefined;
  }
}

export function registerCreate(app: App, deps: Deps): void {
  app.shortcut({ callback_id: SHORTCUT_ESCALATE, type: "message_action" }, async ({ shortcut, ack }) => {
    await ackFirst(ack);
    const s = shortcut;
    const meta: Meta = {
      channel: s.channel.id,
      ts: s.message.ts,
      threadTs: (s.message.thread_ts as string | undefined) ?? s.message.ts,
    };
    try {
      meta.link = await permalink(deps, s.channel.id, s.message.ts);
      await openCreateModal(deps, s.user.id, s.trigger_id, { summary: s.message.text ?? "", meta });
    } catch (e) {
      const user = await userContext(deps, s.user.id);
      await replyEphemeral(
        deps,
        { responseUrl: s.response_url, userId: s.user.id },
        { text: errorText(deps, user.locale, e, SHORTCUT_ESCALATE) },
      );
    }
  });

  app.view(VIEW_CREATE, async ({ ack, body, view }) => {
    const userId = body.user.id;
    const user = await userContext(deps, userId);
    const values = CreateValues.safeParse(view.state.values);
    const meta = CreateMeta.safeParse(safeJson(view.private_metadata));
    const errors: Record<string, string> = {};
    const v = values.success ? values.data : undefined;
    const order = v?.order.order.value ?? "";
    if (!orderRe.test(order)) errors[FIELD.order] = user.t("complaint.error.order");
    if (!v?.customer.customer.value) errors[FIELD.customer] = user.t("complaint.error.customer");
    if (!v?.summary.summary.value) errors[FIELD.summary] = user.t("complaint.error.summary");
    const policy = await loadPolicy(deps.db);
    if (![1, 2, 3].every((n) => policy.tiers.some((t) => t.tier === n)))
      errors[FIELD.order] = user.t("complaint.error.noTiers");
    if (
      !v ||
      !v.cause.cause.selected_option ||
      !v.urgency.urgency.selected_option ||
      !meta.success ||
      Object.keys(errors).length
    ) {
      if (!v?.cause.cause.selected_option) errors[FIELD.cause] ??= user.t("complaint.modal.cause");
      await ack({ response_action: "errors", errors });
      return;
    }
    await ackFirst(ack);
    try {
      await openCase(deps, {
        actorId: userId,
        orderNo: order,
        customerName: v.customer.customer.value!,
        vip: (v.vip?.vip.selected_options ?? []).some((o) => o.value === "vip"),
        cause: v.cause.cause.selected_option.value,
        urgency: v.urgency.urgency.selected_option.value,
        summary: v.summary.summary.value!,
        source: meta.data,
        requestKey: `view:${view.id}`,
      });
    } catch (e) {
      if (e instanceof AlreadyDone)
        return void deps.log.info({ key: e.key }, "complaint form submitted again; case already open");
      // The modal is gone by now: the answer goes to the user's DM with the bot.
      const text = e instanceof DomainError ? user.t(e.key, e.params) : errorText(deps, user.locale, e, VIEW_CREATE);
      await dmUser(deps, userId, { text });
    }
  });
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s || "{}");
  } catch {
    return undefined;
  }
}

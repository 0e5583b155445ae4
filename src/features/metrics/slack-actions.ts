// The anomaly alert's buttons: Acknowledge, Snooze until tomorrow 09:00, and Create action.
import type { App, BlockAction } from "@slack/bolt";
import type { Deps } from "../../deps.ts";
import { channelLocale } from "../../people/channels.ts";
import { ackFirst } from "../../slack/ack.ts";
import { personOf } from "../../slack/handler-context.ts";
import { replyEphemeral } from "../../slack/reply.ts";
import { createModal as createTaskModal } from "../raci/modals.ts";
import { acknowledgeAlert } from "./acknowledge-alert.ts";
import { taskDraftFor } from "./alert-task.ts";
import { ACTION_ACK, ACTION_CREATE_TASK, ACTION_SNOOZE } from "./ids.ts";

const valueOf = (a: BlockAction["actions"][number]) => ("value" in a ? String(a.value ?? "") : "");

export function registerActions(app: App, deps: Deps): void {
  // Create action: a RACI task (goal, measures, owner, deadline) prefilled from the alert.
  app.action<BlockAction>(ACTION_CREATE_TASK, async ({ ack, body, action, context }) => {
    await ackFirst(ack);
    const user = await personOf(context);
    const description = await taskDraftFor(deps, valueOf(action), user.t);
    if (description === undefined) return;
    await deps.slack.call("views.open", {
      trigger_id: body.trigger_id,
      view: createTaskModal(user.t, { channelId: body.channel?.id, description }),
    });
  });

  for (const [actionId, snooze] of [
    [ACTION_ACK, false],
    [ACTION_SNOOZE, true],
  ] as const) {
    app.action<BlockAction>(actionId, async ({ ack, body, action, context }) => {
      await ackFirst(ack);
      // The alert's card is edited in its channel's language.
      const locale = body.channel?.id ? await channelLocale(deps, body.channel.id) : deps.config.DEFAULT_LOCALE;
      const r = await acknowledgeAlert(deps, { alertId: valueOf(action), userId: body.user.id, snooze, locale });
      if (r.done || r.status === "missing") return;
      // The second press on an alert: said to the presser only.
      const user = await personOf(context);
      const text = user.t(r.status === "snoozed" ? "metrics.alert.alreadySnoozed" : "metrics.alert.alreadyAcked");
      const to = { responseUrl: body.response_url, channel: body.channel?.id, userId: body.user.id };
      await replyEphemeral(deps, to, { text });
    });
  }
}

// The role buttons on a task's card and DMs (Accept, Start, Blocked…, Done, Approve, Send back,
// Answer, Waive) and Snooze on a reminder.
import type { App, BlockAction } from "@slack/bolt";
import type { Deps } from "../../deps.ts";
import { formatInZone } from "../../infra/time.ts";
import { ackFirst } from "../../slack/ack.ts";
import { personOf } from "../../slack/handler-context.ts";
import { actionValue, parseValue } from "../../slack/payload.ts";
import { answerFailure, replyEphemeral } from "../../slack/reply.ts";
import { ACTION, ACTION_SNOOZE } from "./ids.ts";
import { reasonModal } from "./modals.ts";
import type { TaskAction } from "./rules.ts";
import { TaskId } from "./schema.ts";
import { snoozeReminder } from "./snooze.ts";
import { act, assertMay } from "./task-actions.ts";
import { decidedDm, roleDm } from "./blocks.ts";
import type { Translator } from "../../infra/i18n.ts";
import type { Task } from "../../generated/prisma/client.ts";

/** The presses that need words first: a reason (Blocked, Send back) or C's answer. */
const needsText: Partial<Record<TaskAction, "raci.reason.title" | "raci.answer.title">> = {
  block: "raci.reason.title",
  sendBack: "raci.reason.title",
  answer: "raci.answer.title",
};

/**
 * The press shows at once in the DM it came from (its response_url, replace_original): the status
 * now and the buttons that still apply, whatever the outbox still has queued. Only an echo: the
 * change is committed, and the task's card follows through the outbox; if Slack refuses the
 * echo, nothing is lost.
 */
async function showPress(deps: Deps, body: BlockAction, t: Translator, action: TaskAction, task: Task) {
  if (!body.response_url || body.container?.type !== "message" || body.channel?.id?.startsWith("D") === false) return;
  const role = action === "answer" ? "c" : action === "waive" ? "a" : "r";
  const redrawn =
    action === "approve" || action === "sendBack" ? decidedDm(t, task) : roleDm(t, role, task, undefined, true);
  await deps.slack
    .respond(body.response_url, { replace_original: true, ...redrawn })
    .catch((e: unknown) => deps.log.warn({ err: e, taskId: task.id }, "could not redraw the pressed DM"));
}

export function registerActions(app: App, deps: Deps): void {
  // Snooze: the same reminder again in 24 hours, as a timer of its own (the original ran once).
  app.action<BlockAction>(ACTION_SNOOZE, async ({ ack, body, action: a, context }) => {
    await ackFirst(ack);
    const until = await snoozeReminder(deps, "value" in a ? String(a.value ?? "") : "");
    if (!until) return;
    const user = await personOf(context);
    await replyEphemeral(
      deps,
      { responseUrl: body.response_url, userId: body.user.id },
      { text: user.t("raci.snoozed", { until: formatInZone(until, user.timeZone) }) },
    );
  });

  for (const [action, actionId] of Object.entries(ACTION) as [TaskAction, string][]) {
    app.action<BlockAction>(actionId, async ({ ack, body, action: a, context }) => {
      await ackFirst(ack);
      const user = await personOf(context);
      try {
        const taskId = parseValue(TaskId, actionValue(a), "task id");
        const label = needsText[action];
        if (!label) {
          const task = await act(deps, taskId, body.user.id, action);
          return void (await showPress(deps, body, user.t, action, task));
        }
        // Refuse before the modal opens: a non-A shouldn't type a reason only to be refused.
        await assertMay(deps, taskId, body.user.id, action);
        await deps.slack.call("views.open", {
          trigger_id: body.trigger_id,
          view: reasonModal(user.t, label, taskId, action),
        });
      } catch (e) {
        const to = { responseUrl: body.response_url, channel: body.channel?.id, userId: body.user.id };
        await answerFailure(deps, user.locale, e, actionId, (text) => replyEphemeral(deps, to, { text }));
      }
    });
  }
}

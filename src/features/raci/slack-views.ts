// The "Make this a task" message shortcut, the task form and the reason/answer form.
import type { App } from "@slack/bolt";
import type { Deps } from "../../deps.ts";
import { AlreadyDone } from "../../infra/db/seen.ts";
import { todayIn } from "../../infra/time.ts";
import { ackFirst } from "../../slack/ack.ts";
import { personOf } from "../../slack/handler-context.ts";
import { parseMeta } from "../../slack/payload.ts";
import { answerFailure, dmUser } from "../../slack/reply.ts";
import { createTask } from "./create-task.ts";
import { SHORTCUT, VIEW_CREATE, VIEW_REASON } from "./ids.ts";
import { createModal } from "./modals.ts";
import { CreateMeta, field, readTaskForm, ReasonMeta, type FormValues } from "./schema.ts";
import { act } from "./task-actions.ts";

export function registerViews(app: App, deps: Deps): void {
  app.shortcut({ callback_id: SHORTCUT, type: "message_action" }, async ({ shortcut, ack, context }) => {
    await ackFirst(ack);
    const user = await personOf(context);
    const link = await deps.slack
      .call("chat.getPermalink", { channel: shortcut.channel.id, message_ts: shortcut.message.ts })
      .then((r) => r.permalink as string)
      .catch(() => undefined);
    await deps.slack.call("views.open", {
      trigger_id: shortcut.trigger_id,
      view: createModal(user.t, { channelId: shortcut.channel.id, description: shortcut.message.text ?? "", link }),
    });
  });

  app.view(VIEW_CREATE, async ({ ack, body, view, context }) => {
    const user = await personOf(context);
    const read = readTaskForm(view.state.values as FormValues, {
      t: user.t,
      today: todayIn(deps.clock.now(), user.timeZone),
      allowSelfApprove: deps.config.RACI_ALLOW_SELF_APPROVE,
    });
    if ("errors" in read) return void (await ack({ response_action: "errors", errors: read.errors }));
    await ackFirst(ack);
    try {
      const meta = parseMeta(CreateMeta, view.private_metadata, "task form metadata");
      const task = await createTask(deps, {
        ...read.form,
        description: read.form.description + (meta.link ? `\n${meta.link}` : ""),
        channelId: read.form.channelId ?? body.user.id,
        createdBy: body.user.id,
        link: meta.link,
        requestKey: `view:${view.id}`,
      });
      await dmUser(deps, body.user.id, { text: user.t("raci.created", { number: task.number }) });
    } catch (e) {
      if (e instanceof AlreadyDone) return;
      await answerFailure(deps, user.locale, e, VIEW_CREATE, (text) => dmUser(deps, body.user.id, { text }));
    }
  });

  app.view(VIEW_REASON, async ({ ack, body, view, context }) => {
    const user = await personOf(context);
    const text = (field(view.state.values as FormValues, "reason")?.value ?? "").trim();
    if (!text) return void (await ack({ response_action: "errors", errors: { reason: user.t("raci.error.reason") } }));
    await ackFirst(ack);
    try {
      const meta = parseMeta(ReasonMeta, view.private_metadata, "reason form metadata");
      await act(deps, meta.taskId, body.user.id, meta.action, meta.action === "answer" ? { text } : { reason: text });
    } catch (e) {
      await answerFailure(deps, user.locale, e, VIEW_REASON, (text) => dmUser(deps, body.user.id, { text }));
    }
  });
}

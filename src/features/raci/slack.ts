// /task, the "Make this a task" shortcut, the create and reason modals, and the role buttons.
import { listRoles, setRole } from "./roles.ts";
import { snoozeReminder } from "./snooze.ts";
import { COMMAND } from "./ids.ts";
export { COMMAND } from "./ids.ts";
import { AlreadyDone } from "../../infra/seen.ts";
import type { App, BlockAction } from "@slack/bolt";
import type { Deps } from "../../deps.ts";
import { formatInZone, isRealDate, todayIn } from "../../infra/time.ts";
import { ackFirst } from "../../slack/ack.ts";
import { answerFailure, answerNow, dmUser, errorText, replyEphemeral } from "../../slack/reply.ts";
import { actionValue, parseMeta, parseValue } from "../../slack/payload.ts";
import { z } from "zod";
import { userContext } from "../../people/people.ts";
import { ACTION, SHORTCUT, VIEW_CREATE, VIEW_REASON } from "./blocks.ts";
import { startFlow } from "./flows.ts";
import { createModal, reasonModal } from "./modals.ts";
import { ACTION_SNOOZE } from "./reminders.ts";
import { checkRoles, type TaskAction } from "./rules.ts";
import { act, assertMay } from "./task-actions.ts";
import { createTask } from "./tasks.ts";
import { matrix, mine, overdue } from "./views.ts";

const userRe = /^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/;
type Values = Record<
  string,
  Record<
    string,
    {
      value?: string | null;
      selected_date?: string | null;
      selected_user?: string | null;
      selected_users?: string[];
      selected_conversation?: string | null;
      selected_conversations?: string[];
    }
  >
>;
const field = (v: Values, id: string) => v[id]?.[id];

const TaskId = z.string().regex(/^[a-z0-9]{10,40}$/, "a task id");
const ReasonMeta = z.object({ taskId: TaskId, action: z.enum(Object.keys(ACTION) as [TaskAction, ...TaskAction[]]) });

export function registerRaci(app: App, deps: Deps): void {
  app.command(COMMAND, async ({ command, ack }) => {
    await ackFirst(ack);
    const user = await userContext(deps, command.user_id);
    const to = { responseUrl: command.response_url, channel: command.channel_id, userId: command.user_id };
    const say = (text: string) => replyEphemeral(deps, to, { text });
    // Read-only answers go straight to the response_url: nothing to keep if they are lost.
    const show = (text: string) => answerNow(deps, to, { text });
    const [sub = "", ...rest] = (command.text ?? "").trim().split(/\s+/).filter(Boolean);
    try {
      switch (sub.toLowerCase()) {
        case "new":
          return void (await deps.slack.call("views.open", {
            trigger_id: command.trigger_id,
            view: createModal(user.t, { channelId: command.channel_id }),
          }));
        case "mine":
          return void (await show(await mine(deps, user.t, command.user_id)));
        case "overdue":
          return void (await show(await overdue(deps, user.t)));
        case "matrix": {
          if (!rest[0]) break;
          const m = await matrix(deps, user.t, rest[0]);
          await deps.outbox.enqueue(deps.db, {
            kind: "file",
            channel: command.user_id,
            body: { text: m.text },
            file: {
              filename: `raci-flow-${m.flow.number}.png`,
              title: `RACI #${m.flow.number}`,
              altText: user.t("raci.matrix.alt", { number: m.flow.number }),
              base64: m.png.toString("base64"),
            },
          });
          return void (await say(user.t("raci.matrix.sent", { number: m.flow.number })));
        }
        case "flow": {
          const [template, ...name] = rest;
          if (!template || name.length === 0) break;
          const r = await startFlow(deps, command.user_id, template, name.join(" "), command.channel_id);
          return void (await say(
            user.t("raci.flow.started", {
              number: r.flow.number,
              name: r.flow.name,
              steps: r.steps,
              r: `<@${r.first}>`,
            }),
          ));
        }
        case "role": {
          const [role, main, backup] = rest;
          const u = userRe.exec(main ?? "")?.[1];
          const b = backup ? userRe.exec(backup)?.[1] : undefined;
          if (!role || !/^[a-z_]{2,30}$/.test(role) || !u || (backup && !b)) break;
          await setRole(deps, command.user_id, { role, userId: u, backupId: b ?? null });
          return void (await say(
            user.t("raci.roles.saved", { role, user: u, backup: b ? user.t("raci.roles.backup", { user: b }) : "" }),
          ));
        }
        case "roles": {
          const rows = await listRoles(deps);
          return void (await show(
            user.t("raci.roles.list", {
              list:
                rows.map((r) => `${r.role} → <@${r.userId}>${r.backupId ? ` / <@${r.backupId}>` : ""}`).join(" · ") ||
                "–",
            }),
          ));
        }
      }
      await show(user.t("raci.usage"));
    } catch (e) {
      await show(errorText(deps, user.locale, e, COMMAND));
    }
  });

  app.shortcut({ callback_id: SHORTCUT, type: "message_action" }, async ({ shortcut, ack }) => {
    await ackFirst(ack);
    const user = await userContext(deps, shortcut.user.id);
    let link: string | undefined;
    try {
      link = (
        await deps.slack.call("chat.getPermalink", { channel: shortcut.channel.id, message_ts: shortcut.message.ts })
      ).permalink as string;
    } catch {
      link = undefined;
    }
    await deps.slack.call("views.open", {
      trigger_id: shortcut.trigger_id,
      view: createModal(user.t, { channelId: shortcut.channel.id, description: shortcut.message.text ?? "", link }),
    });
  });

  app.view(VIEW_CREATE, async ({ ack, body, view }) => {
    const v = view.state.values as Values;
    const user = await userContext(deps, body.user.id);
    const r = field(v, "r")?.selected_users ?? [];
    const a = field(v, "a")?.selected_users ?? (field(v, "a")?.selected_user ? [field(v, "a")!.selected_user!] : []);
    const errors: Record<string, string> = {};
    const title = (field(v, "title")?.value ?? "").trim();
    if (!title) errors.title = user.t("raci.error.title");
    const due = field(v, "due")?.selected_date ?? "";
    const today = todayIn(deps.clock.now(), user.timeZone);
    // Slack's date picker sends yyyy-mm-dd; a crafted or replayed form can send anything.
    if (!due) errors.due = user.t("raci.error.due");
    else if (!isRealDate(due)) errors.due = user.t("raci.error.dueInvalid", { date: due.slice(0, 20) });
    else if (due < today) errors.due = user.t("raci.error.duePast", { date: due, today });
    const refused = checkRoles({ r, a, c: field(v, "c")?.selected_users ?? [] }, deps.config.RACI_ALLOW_SELF_APPROVE);
    if (refused) errors[refused === "raci.error.noR" ? "r" : "a"] = user.t(refused);
    if (Object.keys(errors).length) return void (await ack({ response_action: "errors", errors }));
    await ackFirst(ack);
    try {
      const meta = parseMeta(
        z.object({ link: z.string().max(500).optional() }),
        view.private_metadata,
        "task form metadata",
      );
      const task = await createTask(deps, {
        title: title.slice(0, 150),
        description: (field(v, "description")?.value ?? "").trim() + (meta.link ? `\n${meta.link}` : ""),
        dueDate: due,
        r,
        a,
        c: field(v, "c")?.selected_users ?? [],
        i: field(v, "i")?.selected_conversations ?? [],
        channelId: field(v, "channel")?.selected_conversation ?? body.user.id,
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

  app.view(VIEW_REASON, async ({ ack, body, view }) => {
    const user = await userContext(deps, body.user.id);
    const text = (field(view.state.values as Values, "reason")?.value ?? "").trim();
    if (!text) return void (await ack({ response_action: "errors", errors: { reason: user.t("raci.error.reason") } }));
    await ackFirst(ack);
    try {
      const meta = parseMeta(ReasonMeta, view.private_metadata, "reason form metadata");
      await act(
        deps,
        meta.taskId ?? "",
        body.user.id,
        meta.action ?? "block",
        meta.action === "answer" ? { text } : { reason: text },
      );
    } catch (e) {
      await answerFailure(deps, user.locale, e, VIEW_REASON, (text) => dmUser(deps, body.user.id, { text }));
    }
  });

  // Snooze: the same reminder again in 24 hours, as a timer of its own (the original ran once).
  app.action<BlockAction>(ACTION_SNOOZE, async ({ ack, body, action: a }) => {
    await ackFirst(ack);
    const key = "value" in a ? String(a.value ?? "") : "";
    const user = await userContext(deps, body.user.id);
    const until = await snoozeReminder(deps, key);
    if (!until) return;
    await replyEphemeral(
      deps,
      { responseUrl: body.response_url, userId: body.user.id },
      { text: user.t("raci.snoozed", { until: formatInZone(until, user.timeZone) }) },
    );
  });

  const needsText: Partial<Record<TaskAction, "raci.reason.title" | "raci.answer.title">> = {
    block: "raci.reason.title",
    sendBack: "raci.reason.title",
    answer: "raci.answer.title",
  };
  for (const [action, actionId] of Object.entries(ACTION) as [TaskAction, string][]) {
    app.action<BlockAction>(actionId, async ({ ack, body, action: a }) => {
      await ackFirst(ack);
      const user = await userContext(deps, body.user.id);
      try {
        const taskId = parseValue(TaskId, actionValue(a), "task id");
        const label = needsText[action];
        if (label) {
          // Refuse before the modal opens: a non-A shouldn't type a reason only to be refused.
          await assertMay(deps, taskId, body.user.id, action);
          await deps.slack.call("views.open", {
            trigger_id: body.trigger_id,
            view: reasonModal(user.t, label, taskId, action),
          });
          return;
        }
        await act(deps, taskId, body.user.id, action);
      } catch (e) {
        await answerFailure(deps, user.locale, e, actionId, (text) =>
          replyEphemeral(
            deps,
            { responseUrl: body.response_url, channel: body.channel?.id, userId: body.user.id },
            { text },
          ),
        );
      }
    });
  }
}

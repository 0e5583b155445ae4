// Block Kit pieces of a task (mrkdwn, who, a role's button) and the App Home list of one's tasks.
import type { Button, KnownBlock } from "@slack/types";
import { ACTION } from "./ids.ts";
import { esc } from "../../infra/markup.ts";
import type { Task } from "../../generated/prisma/client.ts";
import type { Translator } from "../../infra/i18n.ts";
import { appliesIn, openConsults, type TaskAction, type TaskStatus } from "./rules.ts";
import type { MessageBody } from "../../outbox/message.ts";
import { parseTask } from "./task-row.ts";

export const md = (text: string) => ({ type: "mrkdwn" as const, text });
export const who = (ids: string[]) =>
  ids.length ? ids.map((u) => (/^[CG]/.test(u) ? `<#${u}>` : `<@${u}>`)).join(" ") : "–";
export const button = (
  t: Translator,
  name: keyof typeof ACTION,
  taskId: string,
  style?: "primary" | "danger",
): Button => ({
  type: "button",
  action_id: ACTION[name],
  text: { type: "plain_text", text: t(`raci.btn.${name}`) },
  value: taskId,
  ...(style ? { style } : {}),
});

/** App Home: the tasks a person does (R) or must approve (A), one line each. */
export function homeBlocks(t: Translator, tasks: Task[]): KnownBlock[] {
  const rows = tasks.map(
    (x) => `• #${x.number} ${esc(x.title)} · ${x.dueDate} · ${t(`raci.status.${x.status as TaskStatus}`)}`,
  );
  return [{ type: "section", text: md([t("raci.mine.title"), ...rows].join("\n")) }, { type: "divider" }];
}

export function taskCard(t: Translator, task: Task, flowNumber?: number): MessageBody {
  const p = parseTask(task);
  const title = t("raci.card.title", { number: task.number, title: task.title });
  const status = task.status as TaskStatus;
  const lines = [
    `*${title}*`,
    t("raci.card.roles", { r: who(p.r), a: who([task.aId]), c: who(p.c), i: who(p.i) }),
    t("raci.card.status", {
      status: t(`raci.status.${status}`),
      due: task.dueDate,
      flow: flowNumber ? t("raci.card.flow", { number: flowNumber, step: (task.flowStep ?? 0) + 1 }) : "",
    }),
  ];
  if (task.status === "blocked" && task.blockedReason)
    lines.push(t("raci.card.blocked", { reason: task.blockedReason }));
  const waiting = openConsults(p.consults);
  // A later flow step's C's are asked when the step opens: until then nobody waits for them.
  if (waiting.length && status !== "approved" && status !== "waiting")
    lines.push(t("raci.card.consults", { who: who(waiting) }));
  if (task.description) lines.push(`>${esc(task.description.slice(0, 1000)).replace(/\n/g, "\n>")}`);
  const blocks: KnownBlock[] = [{ type: "section", text: md(lines.join("\n")) }];
  const buttons =
    status === "ready"
      ? [button(t, "approve", task.id, "primary"), button(t, "sendBack", task.id, "danger")]
      : status === "approved" || status === "waiting"
        ? []
        : [
            button(t, "accept", task.id),
            button(t, "start", task.id),
            button(t, "block", task.id),
            button(t, "done", task.id, "primary"),
          ];
  if (buttons.length) blocks.push({ type: "actions", elements: buttons });
  return { text: title, blocks };
}

/**
 * A role's DM. `live` redraws it after a press, in the message pressed: the task's status now, and
 * only the buttons that still apply.
 */
export function roleDm(t: Translator, role: "r" | "c" | "a", task: Task, extra?: string, live = false): MessageBody {
  const p = parseTask(task);
  const desc = task.description ? `\n>${esc(task.description.slice(0, 500)).replace(/\n/g, "\n>")}` : "";
  const key = role === "r" ? "raci.dm.r" : role === "c" ? "raci.dm.c" : "raci.dm.a";
  const text = [
    extra,
    t(key, { number: task.number, title: task.title, due: task.dueDate, a: task.aId, r: who(p.r), desc }),
  ]
    .filter(Boolean)
    .join("\n");
  const names: [TaskAction, ("primary" | "danger")?][] =
    role === "r"
      ? [["accept"], ["start"], ["block"], ["done", "primary"]]
      : role === "c"
        ? [["answer", "primary"]]
        : p.c.length
          ? [["waive"]]
          : [];
  const status = task.status as TaskStatus;
  const buttons = names
    .filter(([name]) => !live || appliesIn(name, status))
    .map(([name, style]) => button(t, name, task.id, style));
  const blocks: KnownBlock[] = [{ type: "section", text: md(text) }];
  if (live) blocks.push({ type: "context", elements: [md(t("raci.dm.now", { status: t(`raci.status.${status}`) }))] });
  if (buttons.length) blocks.push({ type: "actions", elements: buttons });
  return { text, blocks };
}

/** A's DM after Approve or Send back: what was decided, no buttons left. */
export function decidedDm(t: Translator, task: Task): MessageBody {
  const text = t("raci.dm.ready", { number: task.number, title: task.title, by: parseTask(task).r[0] ?? task.aId });
  const now = t("raci.dm.now", { status: t(`raci.status.${task.status as TaskStatus}`) });
  return {
    text,
    blocks: [
      { type: "section", text: md(text) },
      { type: "context", elements: [md(now)] },
    ],
  };
}

export function readyDm(t: Translator, task: Task, by: string): MessageBody {
  const text = t("raci.dm.ready", { number: task.number, title: task.title, by });
  return {
    text,
    blocks: [
      { type: "section", text: md(text) },
      {
        type: "actions",
        elements: [button(t, "approve", task.id, "primary"), button(t, "sendBack", task.id, "danger")],
      },
    ],
  };
}

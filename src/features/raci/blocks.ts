// The task's message (one per task, editing itself) and the role DMs with their buttons.
import { z } from "zod";
import { Ids, stored } from "../../infra/stored.ts";

const ConsultsShape = z.record(
  z.string(),
  z.object({ answer: z.string().optional(), waivedBy: z.string().optional() }),
);
import type { Button, KnownBlock } from "@slack/types";
import { ACTION, VIEW_CREATE, VIEW_REASON, SHORTCUT } from "./ids.ts";
export { ACTION, VIEW_CREATE, VIEW_REASON, SHORTCUT } from "./ids.ts";
import { esc } from "../../infra/markup.ts";
import type { Task } from "../../generated/prisma/client.ts";
import type { Translator } from "../../infra/i18n.ts";
import type { MessageBody } from "../../outbox/message.ts";
import { openConsults, type Consults, type TaskStatus } from "./rules.ts";

const md = (text: string) => ({ type: "mrkdwn" as const, text });
const who = (ids: string[]) => (ids.length ? ids.map((u) => (/^[CG]/.test(u) ? `<#${u}>` : `<@${u}>`)).join(" ") : "–");
const button = (t: Translator, name: keyof typeof ACTION, taskId: string, style?: "primary" | "danger"): Button => ({
  type: "button",
  action_id: ACTION[name],
  text: { type: "plain_text", text: t(`raci.btn.${name}`) },
  value: taskId,
  ...(style ? { style } : {}),
});

export const parseTask = (t: Task) => ({
  r: stored(Ids, t.rIds, "task R"),
  c: stored(Ids, t.cIds, "task C"),
  i: stored(Ids, t.iTargets, "task I"),
  consults: stored(ConsultsShape, t.consults, "task consultations") as Consults,
});

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

export function roleDm(t: Translator, role: "r" | "c" | "a", task: Task, extra?: string): MessageBody {
  const p = parseTask(task);
  const desc = task.description ? `\n>${esc(task.description.slice(0, 500)).replace(/\n/g, "\n>")}` : "";
  const key = role === "r" ? "raci.dm.r" : role === "c" ? "raci.dm.c" : "raci.dm.a";
  const text = [
    extra,
    t(key, { number: task.number, title: task.title, due: task.dueDate, a: task.aId, r: who(p.r), desc }),
  ]
    .filter(Boolean)
    .join("\n");
  const buttons =
    role === "r"
      ? [
          button(t, "accept", task.id),
          button(t, "start", task.id),
          button(t, "block", task.id),
          button(t, "done", task.id, "primary"),
        ]
      : role === "c"
        ? [button(t, "answer", task.id, "primary")]
        : p.c.length
          ? [button(t, "waive", task.id)]
          : [];
  const blocks: KnownBlock[] = [{ type: "section", text: md(text) }];
  if (buttons.length) blocks.push({ type: "actions", elements: buttons });
  return { text, blocks };
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

/** App Home: the tasks a person does (R) or must approve (A), one line each. */
export function homeBlocks(t: Translator, tasks: Task[]): KnownBlock[] {
  const rows = tasks.map(
    (x) => `• #${x.number} ${esc(x.title)} · ${x.dueDate} · ${t(`raci.status.${x.status as TaskStatus}`)}`,
  );
  return [{ type: "section", text: md([t("raci.mine.title"), ...rows].join("\n")) }, { type: "divider" }];
}

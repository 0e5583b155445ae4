// What a task tells people: its one message in the channel (editing itself as the task moves),
// the notes in its thread, and the DMs to R, C and A with the buttons each role may press.
import type { KnownBlock } from "@slack/types";
import { esc } from "../../infra/markup.ts";
import type { Task } from "../../generated/prisma/client.ts";
import type { Translator } from "../../infra/i18n.ts";
import type { MessageBody } from "../../outbox/message.ts";
import { appliesIn, openConsults, type TaskAction, type TaskStatus } from "./rules.ts";
import { parseTask } from "./task-row.ts";
import { button, md, who } from "./blocks.ts";
import type { Deps } from "../../deps.ts";
import type { Db } from "../../infra/db/db.ts";
import { formatWithZone } from "../../infra/time.ts";
import { channelT, taskChannelT, type Translators } from "./task-people.ts";

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

export async function flowNumber(db: Db, task: Task) {
  return task.flowId ? (await db.taskFlow.findUnique({ where: { id: task.flowId } }))?.number : undefined;
}

export async function note(db: Db, deps: Deps, task: Task, actor: string, what: string) {
  if (!task.messageId) return;
  const at = formatWithZone(deps.clock.now(), deps.config.DEFAULT_TIMEZONE);
  await deps.outbox.enqueue(db, {
    kind: "post",
    channel: task.channelId,
    threadOfId: task.messageId,
    body: { text: (await taskChannelT(db, deps, task))("raci.note", { at, actor, what }) },
  });
}

export async function refresh(db: Db, deps: Deps, task: Task) {
  if (task.messageId)
    await deps.outbox.enqueue(db, {
      kind: "update",
      targetId: task.messageId,
      body: taskCard(await taskChannelT(db, deps, task), task, await flowNumber(db, task)),
    });
}

/** DMs R, C and A the part RACI gives each; I hear nothing until the outcome. */
export async function announce(db: Db, deps: Deps, task: Task, ts: Translators, extraForR?: (t: Translator) => string) {
  const p = parseTask(task);
  const of = (u: string) => ts.get(u) ?? channelT(deps);
  for (const r of p.r)
    await deps.outbox.enqueue(db, {
      kind: "post",
      channel: r,
      body: roleDm(of(r), "r", task, extraForR?.(of(r))),
      dedupeKey: `raci:${task.id}:g${task.gen}:dm:r:${r}`,
    });
  for (const c of p.c)
    await deps.outbox.enqueue(db, {
      kind: "post",
      channel: c,
      body: roleDm(of(c), "c", task),
      dedupeKey: `raci:${task.id}:g${task.gen}:dm:c:${c}`,
    });
  await deps.outbox.enqueue(db, {
    kind: "post",
    channel: task.aId,
    body: roleDm(of(task.aId), "a", task),
    dedupeKey: `raci:${task.id}:g${task.gen}:dm:a`,
  });
}

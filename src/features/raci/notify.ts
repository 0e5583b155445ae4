// What a task tells people: its one message in the channel (editing itself as the task moves),
// the notes in its thread, and the DMs to R, C and A with the buttons each role may press.
import type { Task } from "../../generated/prisma/client.ts";
import type { Translator } from "../../infra/i18n.ts";
import { parseTask } from "./task-row.ts";
import { readyDm, roleDm, taskCard } from "./blocks.ts";
import type { Deps } from "../../deps.ts";
import type { Db } from "../../infra/db/db.ts";
import { formatWithZone } from "../../infra/time.ts";
import { channelT, taskChannelT, type Translators } from "./task-people.ts";

/** The task's card, posted in its channel; returns the outbox row id (the card's message). */
export async function postTaskCard(db: Db, deps: Deps, task: Task, t: Translator, actorId: string): Promise<string> {
  const { id } = await deps.outbox.enqueue(db, {
    kind: "post",
    channel: task.channelId,
    body: taskCard(t, task, await flowNumber(db, task)),
    actorId,
  });
  return id;
}

/** A's DM when R says the task is done: Approve or Send back. */
export async function dmReady(db: Db, deps: Deps, t: Translator, task: Task, by: string): Promise<void> {
  await deps.outbox.enqueue(db, { kind: "post", channel: task.aId, body: readyDm(t, task, by) });
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

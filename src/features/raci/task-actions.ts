// Moving a task through R's work, C's input and A's approval. Every change is one transaction
// that starts with a conditional claim: the task, its message edit, its history note and the DMs
// it causes; an approval also moves the task's flow on (flows.ts).
import { recordAction } from "../../audit/audit.ts";
import { taskTimers } from "./ids.ts";
import { channelTranslator } from "../../people/channels.ts";
import { claim } from "../../infra/db/claim.ts";
import type { Deps } from "../../deps.ts";
import type { Translator } from "../../infra/i18n.ts";
import { DomainError } from "../../infra/errors.ts";
import { cancelTimers } from "../../scheduler/timers.ts";
import type { Task } from "../../generated/prisma/client.ts";
import { parseTask } from "./task-row.ts";
import { dmReady } from "./notify.ts";
import { advanceFlow } from "./flows.ts";
import { queueInform } from "./reminders.ts";
import { refusal, type TaskAction, type TaskStatus } from "./rules.ts";
import { note, refresh } from "./notify.ts";
import { peopleOf, tr, translatorsFor } from "./task-people.ts";

export interface ActInput {
  reason?: string;
  text?: string;
}

/** The task, if this person may do this action to it now; otherwise a refusal that says why. */
export async function assertMay(deps: Deps, taskId: string, userId: string, action: TaskAction): Promise<Task> {
  const task = await deps.db.task.findUnique({ where: { id: taskId } });
  if (!task) throw new DomainError("raci.error.notFound", { ref: taskId });
  const p = parseTask(task);
  const refused = refusal(action, task.status as TaskStatus, userId, {
    rIds: p.r,
    aId: task.aId,
    consults: p.consults,
  });
  if (refused) {
    const t = await tr(deps, userId);
    const open = Object.entries(p.consults)
      .filter(([, v]) => !v.answer && !v.waivedBy)
      .map(([k]) => k);
    const who =
      refused === "raci.error.notR"
        ? p.r.map((u) => `<@${u}>`).join(" ")
        : refused === "raci.error.notA"
          ? `<@${task.aId}>`
          : open.map((u) => `<@${u}>`).join(" ");
    throw new DomainError(refused, { who, number: task.number, status: t(`raci.status.${task.status as TaskStatus}`) });
  }
  return task;
}

/** The row change a press makes, and what the task's thread note says of it. */
function changeOf(task: Task, action: TaskAction, userId: string, input: ActInput, ct: Translator, now: Date) {
  const p = parseTask(task);
  const data: Partial<Task> = {};
  let what = ct(`raci.what.${action}`, { reason: input.reason ?? "", text: input.text ?? "", who: "" });
  if (action === "accept") data.status = "accepted";
  if (action === "start") Object.assign(data, { status: "in_progress", blockedReason: null });
  if (action === "block") Object.assign(data, { status: "blocked", blockedReason: input.reason ?? "" });
  if (action === "done") Object.assign(data, { status: "ready", doneAt: now });
  if (action === "sendBack") Object.assign(data, { status: "in_progress", sentBackWhy: input.reason ?? "" });
  if (action === "approve") Object.assign(data, { status: "approved", approvedAt: now });
  if (action === "answer") data.consults = JSON.stringify({ ...p.consults, [userId]: { answer: input.text ?? "" } });
  if (action === "waive") {
    const open = Object.entries(p.consults)
      .filter(([, v]) => !v.answer && !v.waivedBy)
      .map(([k]) => k);
    data.consults = JSON.stringify({
      ...p.consults,
      ...Object.fromEntries(open.map((k) => [k, { waivedBy: userId }])),
    });
    what = ct("raci.what.waive", { who: open.map((u) => `<@${u}>`).join(" ") || "–" });
  }
  return { data, what };
}

export async function act(
  deps: Deps,
  taskId: string,
  userId: string,
  action: TaskAction,
  input: ActInput = {},
): Promise<Task> {
  const task = await assertMay(deps, taskId, userId, action);
  const p = parseTask(task);
  // What the thread note says is built in the task's channel's language.
  const ct = await channelTranslator(deps, task.channelId);
  const aT = await tr(deps, task.aId);
  // The next step of a flow is announced inside the transaction: look its people up first.
  const next =
    action === "approve" && task.flowId != null
      ? await deps.db.task.findFirst({ where: { flowId: task.flowId, flowStep: (task.flowStep ?? 0) + 1 } })
      : null;
  const nextTs = next
    ? await translatorsFor(deps, peopleOf({ r: parseTask(next).r, a: next.aId, c: parseTask(next).c }))
    : new Map();
  const rTs = await Promise.all(p.r.map(async (r) => [r, await tr(deps, r)] as const));
  const saved = await deps.db.$transaction(async (tx) => {
    // Only the task as it was checked above: a second press, here or on another replica, loses.
    if (!(await claim(tx, "Task", { id: task.id, version: task.version, statuses: [task.status] })))
      throw new DomainError("raci.error.changed", { number: task.number });
    const { data, what } = changeOf(task, action, userId, input, ct, deps.clock.now());
    const updated = await tx.task.update({ where: { id: taskId }, data });
    await refresh(tx, deps, updated);
    await note(tx, deps, updated, userId, what);
    await recordAction(tx, deps.clock, {
      actorId: userId,
      feature: "task",
      action,
      objectType: "task",
      objectId: task.id,
      objectLabel: `#${task.number} ${task.title}`,
      before: task.status,
      after: updated.status,
      channel: task.channelId,
    });
    if (action === "done") await dmReady(tx, deps, aT, updated, userId);
    if (action === "sendBack")
      for (const [r, rt] of rTs) {
        const why = { a: task.aId, number: task.number, title: task.title, reason: input.reason ?? "" };
        await deps.outbox.enqueue(tx, { kind: "post", channel: r, body: { text: rt("raci.dm.sentBack", why) } });
      }
    if (action === "approve") {
      // The work is over: reminders stop; the I's are told (batched); a flow moves to its next step.
      await cancelTimers(tx, deps.clock, taskTimers(task.id));
      await queueInform(tx, deps, updated);
      await advanceFlow(tx, deps, updated, nextTs);
    }
    return updated;
  });
  deps.wakeScheduler();
  return saved;
}

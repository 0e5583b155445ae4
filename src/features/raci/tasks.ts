// Creating tasks and moving them through R's work, C's input and A's approval. Every change is
// one transaction: the task, its message edit, its history note and the DMs it causes.
import { claim } from "../../infra/claim.ts";
import { createOnce } from "../../infra/seen.ts";
import type { Deps } from "../../deps.ts";
import type { Db } from "../../infra/db.ts";
import { DomainError } from "../../infra/errors.ts";
import { t as translate, type Translator } from "../../infra/i18n.ts";
import { formatInZone } from "../../infra/time.ts";
import { cancelTimers } from "../../scheduler/timers.ts";
import { userContext } from "../../slack/user-context.ts";
import type { Task } from "../../generated/prisma/client.ts";
import { parseTask, readyDm, roleDm, taskCard } from "./blocks.ts";
import { advanceFlow } from "./flows.ts";
import { planTaskReminders, queueInform } from "./reminders.ts";
import { checkRoles, refusal, type Consults, type TaskAction, type TaskStatus } from "./rules.ts";

export interface NewTask {
  /** The request it comes from (a modal's view id): the same request creates one task. */
  requestKey?: string;
  title: string;
  description: string;
  dueDate: string;
  r: string[];
  a: string[];
  c: string[];
  i: string[];
  channelId: string;
  createdBy: string;
  link?: string;
  flowId?: string;
  flowStep?: number;
  waiting?: boolean;
}

const channelT = (deps: Deps): Translator => (k, p) => translate(deps.config.DEFAULT_LOCALE, k, p);
export const tr = async (deps: Deps, userId: string) => (await userContext(deps, userId)).t;

export type Translators = Map<string, Translator>;

/** Each person's translator, looked up before a transaction (lookups read the database). */
export async function translatorsFor(deps: Deps, ids: string[]): Promise<Translators> {
  const m: Translators = new Map();
  for (const id of new Set(ids.filter((x) => /^[UW]/.test(x)))) m.set(id, await tr(deps, id));
  return m;
}

export function peopleOf(input: { r: string[]; a: string[] | string; c: string[] }): string[] {
  return [...input.r, ...(Array.isArray(input.a) ? input.a : [input.a]), ...input.c];
}

async function flowNumber(db: Db, task: Task) {
  return task.flowId ? (await db.taskFlow.findUnique({ where: { id: task.flowId } }))?.number : undefined;
}

async function note(db: Db, deps: Deps, task: Task, actor: string, what: string) {
  if (!task.messageId) return;
  const at = formatInZone(deps.clock.now(), deps.config.DEFAULT_TIMEZONE, "MM-dd HH:mm");
  await deps.outbox.enqueue(db, { kind: "post", channel: task.channelId, threadOfId: task.messageId, body: { text: channelT(deps)("raci.note", { at, actor, what }) } });
}

async function refresh(db: Db, deps: Deps, task: Task) {
  if (task.messageId) await deps.outbox.enqueue(db, { kind: "update", targetId: task.messageId, body: taskCard(channelT(deps), task, await flowNumber(db, task)) });
}

/** DMs R, C and A the part RACI gives each; I hear nothing until the outcome. */
export async function announce(db: Db, deps: Deps, task: Task, ts: Translators, extraForR?: (t: Translator) => string) {
  const p = parseTask(task);
  const of = (u: string) => ts.get(u) ?? channelT(deps);
  for (const r of p.r) await deps.outbox.enqueue(db, { kind: "post", channel: r, body: roleDm(of(r), "r", task, extraForR?.(of(r))), dedupeKey: `raci:${task.id}:g${task.gen}:dm:r:${r}` });
  for (const c of p.c) await deps.outbox.enqueue(db, { kind: "post", channel: c, body: roleDm(of(c), "c", task), dedupeKey: `raci:${task.id}:g${task.gen}:dm:c:${c}` });
  await deps.outbox.enqueue(db, { kind: "post", channel: task.aId, body: roleDm(of(task.aId), "a", task), dedupeKey: `raci:${task.id}:g${task.gen}:dm:a` });
}

export async function createTask(deps: Deps, input: NewTask, tx?: Db, translators?: Translators): Promise<Task> {
  const refused = checkRoles({ r: input.r, a: input.a, c: input.c }, deps.config.RACI_ALLOW_SELF_APPROVE);
  if (refused) throw new DomainError(refused);
  const ts = translators ?? (await translatorsFor(deps, peopleOf(input)));
  const run = async (db: Db) => {
    await createOnce(db, input.requestKey, deps.clock.now());
    const counter = await db.counter.upsert({ where: { name: "task" }, create: { name: "task", value: 1 }, update: { value: { increment: 1 } } });
    const consults: Consults = Object.fromEntries(input.c.map((c) => [c, {}]));
    let task = await db.task.create({
      data: {
        number: counter.value,
        title: input.title,
        description: input.description,
        dueDate: input.dueDate,
        channelId: input.channelId,
        status: input.waiting ? "waiting" : "open",
        rIds: JSON.stringify(input.r),
        aId: input.a[0]!,
        cIds: JSON.stringify(input.c),
        iTargets: JSON.stringify(input.i),
        consults: JSON.stringify(consults),
        link: input.link ?? null,
        flowId: input.flowId ?? null,
        flowStep: input.flowStep ?? null,
        createdBy: input.createdBy,
        createdAt: deps.clock.now(),
      },
    });
    const { id } = await deps.outbox.enqueue(db, { kind: "post", channel: input.channelId, body: taskCard(channelT(deps), task, await flowNumber(db, task)), actorId: input.createdBy });
    task = await db.task.update({ where: { id: task.id }, data: { messageId: id } });
    await note(db, deps, task, input.createdBy, channelT(deps)("raci.what.created"));
    if (!input.waiting) {
      await announce(db, deps, task, ts);
      await planTaskReminders(db, deps, task);
    }
    return task;
  };
  const task = tx ? await run(tx) : await deps.db.$transaction(run);
  deps.wakeScheduler();
  return task;
}

export interface ActInput {
  reason?: string;
  text?: string;
}

/** The task, if this person may do this action to it now; otherwise a refusal that says why. */
export async function assertMay(deps: Deps, taskId: string, userId: string, action: TaskAction): Promise<Task> {
  const task = await deps.db.task.findUnique({ where: { id: taskId } });
  if (!task) throw new DomainError("raci.error.notFound", { ref: taskId });
  const p = parseTask(task);
  const refused = refusal(action, task.status as TaskStatus, userId, { rIds: p.r, aId: task.aId, consults: p.consults });
  if (refused) {
    const t = await tr(deps, userId);
    const open = Object.entries(p.consults).filter(([, v]) => !v.answer && !v.waivedBy).map(([k]) => k);
    const who = refused === "raci.error.notR" ? p.r.map((u) => `<@${u}>`).join(" ") : refused === "raci.error.notA" ? `<@${task.aId}>` : open.map((u) => `<@${u}>`).join(" ");
    throw new DomainError(refused, { who, number: task.number, status: t(`raci.status.${task.status as TaskStatus}`) });
  }
  return task;
}

export async function act(deps: Deps, taskId: string, userId: string, action: TaskAction, input: ActInput = {}): Promise<Task> {
  const task = await assertMay(deps, taskId, userId, action);
  const p = parseTask(task);
  const ct = channelT(deps);
  const aT = await tr(deps, task.aId);
  // The next step of a flow is announced inside the transaction: look its people up first.
  const next = action === "approve" && task.flowId != null ? await deps.db.task.findFirst({ where: { flowId: task.flowId, flowStep: (task.flowStep ?? 0) + 1 } }) : null;
  const nextTs = next ? await translatorsFor(deps, peopleOf({ r: JSON.parse(next.rIds), a: next.aId, c: JSON.parse(next.cIds) })) : new Map();
  const rTs = await Promise.all(p.r.map(async (r) => [r, await tr(deps, r)] as const));
  const saved = await deps.db.$transaction(async (tx) => {
    // Only the task as it was checked above: a second press, here or on another replica, loses.
    if (!(await claim(tx, "Task", { id: task.id, version: task.version, statuses: [task.status] }))) throw new DomainError("raci.error.changed", { number: task.number });
    const data: Partial<Task> = {};
    let what = ct(`raci.what.${action}`, { reason: input.reason ?? "", text: input.text ?? "", who: "" });
    if (action === "accept") data.status = "accepted";
    if (action === "start") Object.assign(data, { status: "in_progress", blockedReason: null });
    if (action === "block") Object.assign(data, { status: "blocked", blockedReason: input.reason ?? "" });
    if (action === "done") Object.assign(data, { status: "ready", doneAt: deps.clock.now() });
    if (action === "sendBack") Object.assign(data, { status: "in_progress", sentBackWhy: input.reason ?? "" });
    if (action === "approve") Object.assign(data, { status: "approved", approvedAt: deps.clock.now() });
    if (action === "answer") data.consults = JSON.stringify({ ...p.consults, [userId]: { answer: input.text ?? "" } });
    if (action === "waive") {
      const open = Object.entries(p.consults).filter(([, v]) => !v.answer && !v.waivedBy).map(([k]) => k);
      data.consults = JSON.stringify({ ...p.consults, ...Object.fromEntries(open.map((k) => [k, { waivedBy: userId }])) });
      what = ct("raci.what.waive", { who: open.map((u) => `<@${u}>`).join(" ") || "–" });
    }
    const updated = await tx.task.update({ where: { id: taskId }, data });
    await refresh(tx, deps, updated);
    await note(tx, deps, updated, userId, what);
    if (action === "done") await deps.outbox.enqueue(tx, { kind: "post", channel: task.aId, body: readyDm(aT, updated, userId) });
    if (action === "sendBack") {
      for (const [r, rt] of rTs) await deps.outbox.enqueue(tx, { kind: "post", channel: r, body: { text: rt("raci.dm.sentBack", { a: task.aId, number: task.number, title: task.title, reason: input.reason ?? "" }) } });
    }
    if (action === "approve") {
      // The work is over: reminders stop; the I's are told (batched); a flow moves to its next step.
      await cancelTimers(tx, deps.clock, `raci:${task.id}`);
      await queueInform(tx, deps, updated);
      await advanceFlow(tx, deps, updated, nextTs);
    }
    return updated;
  });
  deps.wakeScheduler();
  return saved;
}

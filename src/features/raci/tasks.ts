// Creating tasks, and what every change of a task writes (its card, its history note). Moving a
// task through R's work, C's input and A's approval is task-actions.ts.
import { recordAction } from "../../audit/audit.ts";
import { channelTranslator } from "../../people/channels.ts";
import { createOnce } from "../../infra/seen.ts";
import type { Deps } from "../../deps.ts";
import type { Db } from "../../infra/db.ts";
import { DomainError } from "../../infra/errors.ts";
import { translator, type Translator } from "../../infra/i18n.ts";
import { formatWithZone } from "../../infra/time.ts";
import { userContext } from "../../people/people.ts";
import type { Task } from "../../generated/prisma/client.ts";
import { parseTask, roleDm, taskCard } from "./blocks.ts";
import { planTaskReminders } from "./reminders.ts";
import { checkRoles, type Consults } from "./rules.ts";

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

/** The workspace's language: for someone whose own language is unknown. */
export const channelT = (deps: Deps): Translator => translator(deps.config.DEFAULT_LOCALE);

/** The task's channel's language (its card and thread notes); `db` is the caller's transaction. */
export const taskChannelT = (db: Db, deps: Deps, task: Pick<Task, "channelId">): Promise<Translator> =>
  channelTranslator(deps, task.channelId, db);
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

export async function createTask(deps: Deps, input: NewTask, tx?: Db, translators?: Translators): Promise<Task> {
  const refused = checkRoles({ r: input.r, a: input.a, c: input.c }, deps.config.RACI_ALLOW_SELF_APPROVE);
  if (refused) throw new DomainError(refused);
  const ts = translators ?? (await translatorsFor(deps, peopleOf(input)));
  const run = async (db: Db) => {
    await createOnce(db, input.requestKey, deps.clock.now());
    const counter = await db.counter.upsert({
      where: { name: "task" },
      create: { name: "task", value: 1 },
      update: { value: { increment: 1 } },
    });
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
    const ct = await taskChannelT(db, deps, task);
    const { id } = await deps.outbox.enqueue(db, {
      kind: "post",
      channel: input.channelId,
      body: taskCard(ct, task, await flowNumber(db, task)),
      actorId: input.createdBy,
    });
    task = await db.task.update({ where: { id: task.id }, data: { messageId: id } });
    await note(db, deps, task, input.createdBy, ct("raci.what.created"));
    await recordAction(db, deps.clock, {
      actorId: input.createdBy,
      feature: "task",
      action: "created",
      objectType: "task",
      objectId: task.id,
      objectLabel: `#${task.number} ${task.title}`,
      after: task.status,
      channel: task.channelId,
    });
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

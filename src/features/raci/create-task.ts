// Creating a task: its card in the channel, the DMs to R, C and A, and its reminders. Moving a task
// through R's work, C's input and A's approval is task-actions.ts.
import { recordAction } from "../../audit/audit.ts";
import { createOnce } from "../../infra/db/seen.ts";
import type { Deps } from "../../deps.ts";
import type { Db } from "../../infra/db/db.ts";
import { DomainError } from "../../infra/errors.ts";
import type { Task } from "../../generated/prisma/client.ts";
import { announce, note } from "./notify.ts";
import { postTaskCard } from "./notify.ts";
import { peopleOf, taskChannelT, translatorsFor, type Translators } from "./task-people.ts";
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
    const id = await postTaskCard(db, deps, task, ct, input.createdBy);
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

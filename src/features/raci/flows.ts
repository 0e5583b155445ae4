// Standard flows: a chain of tasks, each starting when the previous one is approved. Roles resolve
// through the team's role map (the backup when the main person is the step's A).
import type { Deps } from "../../deps.ts";
import type { Db } from "../../infra/db/db.ts";
import { DomainError } from "../../infra/errors.ts";
import type { Task } from "../../generated/prisma/client.ts";
import { shiftDate, todayIn } from "../../infra/time.ts";
import { planTaskReminders } from "./reminders.ts";
import { userContext } from "../../people/people.ts";
import { refresh } from "./notify.ts";
import { FLOWS, type FlowStep } from "./rules.ts";
import { createTask } from "./create-task.ts";
import { announce } from "./notify.ts";
import { peopleOf, translatorsFor, type Translators } from "./task-people.ts";

async function resolveRole(db: Db, role: string): Promise<string> {
  const m = await db.roleMapping.findUnique({ where: { role } });
  if (!m) throw new DomainError("raci.error.role", { role });
  return m.userId;
}

export async function startFlow(deps: Deps, userId: string, template: string, name: string, channelId: string) {
  const flow = FLOWS[template];
  if (!flow) throw new DomainError("raci.error.notFound", { ref: template });
  // Resolve every role first, so a missing mapping refuses the flow before anything is written.
  const steps: { s: FlowStep; r: string; a: string; c: string[]; i: string[]; due: string }[] = [];
  let due = todayIn(deps.clock.now(), deps.config.DEFAULT_TIMEZONE);
  for (const s of flow.steps) {
    due = shiftDate(due, s.days);
    const r = await resolveRole(deps.db, s.r);
    let a = await resolveRole(deps.db, s.a);
    if (a === r) a = (await deps.db.roleMapping.findUnique({ where: { role: s.a } }))?.backupId ?? a;
    steps.push({
      s,
      r,
      a,
      c: await Promise.all((s.c ?? []).map((x) => resolveRole(deps.db, x))),
      i: await Promise.all((s.i ?? []).map((x) => resolveRole(deps.db, x))),
      due,
    });
  }
  const locale = (await userContext(deps, userId)).locale;
  const ts = await translatorsFor(
    deps,
    steps.flatMap((st) => peopleOf({ r: [st.r], a: st.a, c: st.c })),
  );
  return deps.db.$transaction(async (tx) => {
    const counter = await tx.counter.upsert({
      where: { name: "flow" },
      create: { name: "flow", value: 1 },
      update: { value: { increment: 1 } },
    });
    const f = await tx.taskFlow.create({
      data: { number: counter.value, template, name, channelId, createdBy: userId, createdAt: deps.clock.now() },
    });
    for (const [k, st] of steps.entries()) {
      await createTask(
        deps,
        {
          title: `${name} · ${st.s.title[locale]}`,
          description: "",
          dueDate: st.due,
          r: [st.r],
          a: [st.a],
          c: st.c.filter((c) => c !== st.r),
          i: st.i,
          channelId,
          createdBy: userId,
          flowId: f.id,
          flowStep: k,
          waiting: k > 0,
        },
        tx,
        ts,
      );
    }
    return { flow: f, first: steps[0]!.r, steps: steps.length };
  });
}

/** After a step is approved, the next one opens and only now its R, C and A hear of it. */
export async function advanceFlow(tx: Db, deps: Deps, approved: Task, ts: Translators) {
  if (!approved.flowId || approved.flowStep == null) return;
  const next = await tx.task.findFirst({ where: { flowId: approved.flowId, flowStep: approved.flowStep + 1 } });
  if (!next || next.status !== "waiting") return;
  const opened = await tx.task.update({ where: { id: next.id }, data: { status: "open" } });
  const flow = await tx.taskFlow.findUniqueOrThrow({ where: { id: approved.flowId } });
  await refresh(tx, deps, opened);
  await announce(tx, deps, opened, ts, (t) => t("raci.dm.turn", { flow: flow.number }));
  await planTaskReminders(tx, deps, opened);
}

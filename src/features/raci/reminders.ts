// Planning a task's reminders (due soon and overdue to R, overdue past the grace period to A) and
// the daily batched note to the I's, as durable timers with dedupe keys: exactly once, across
// restarts. What they send when due is jobs.ts.
import { JOB_REMIND, JOB_INFORM, taskTimers } from "./ids.ts";
import type { Deps } from "../../deps.ts";
import type { Db } from "../../infra/db/db.ts";
import { scheduleTimer } from "../../scheduler/timers.ts";
import type { Task } from "../../generated/prisma/client.ts";
import { localTime, shiftDate, todayIn } from "../../infra/time.ts";
import { parseTask } from "./task-row.ts";

export const GRACE_DAYS = 2;
const REMIND_AT = "09:00";
const INFORM_AT = "18:00";

type Kind = "soon" | "overdue" | "toA";

export async function planTaskReminders(db: Db, deps: Deps, task: Task) {
  const tz = deps.config.DEFAULT_TIMEZONE;
  const plan: [Kind, string][] = [
    ["soon", shiftDate(task.dueDate, -1)],
    ["overdue", shiftDate(task.dueDate, 1)],
    ["toA", shiftDate(task.dueDate, 1 + GRACE_DAYS)],
  ];
  for (const [kind, date] of plan) {
    const dueAt = localTime(date, REMIND_AT, tz);
    if (dueAt <= deps.clock.now()) continue;
    await scheduleTimer(db, deps.clock, {
      kind: JOB_REMIND,
      key: `${taskTimers(task.id)}:g${task.gen}:${kind}`,
      dueAt,
      payload: { taskId: task.id, gen: task.gen, kind },
    });
  }
}

export async function queueInform(db: Db, deps: Deps, task: Task) {
  const tz = deps.config.DEFAULT_TIMEZONE;
  const now = deps.clock.now();
  let date = todayIn(now, tz);
  if (localTime(date, INFORM_AT, tz) <= now) date = shiftDate(date, 1);
  for (const target of parseTask(task).i) {
    await db.taskNotice.create({ data: { target, taskId: task.id, createdAt: now } });
    await scheduleTimer(db, deps.clock, {
      kind: JOB_INFORM,
      key: `raci:inform:${target}:${date}`,
      dueAt: localTime(date, INFORM_AT, tz),
      payload: { target },
    });
  }
}

// Task reminders (due soon and overdue to R, overdue past the grace period to A), and the daily
// batched note to the I's. Each is a durable timer with a dedupe key: exactly once, across restarts.
import { payloadOf } from "../../scheduler/types.ts";
import { z } from "zod";
import { JOB_REMIND, ACTION_SNOOZE, JOB_INFORM, taskTimers } from "./ids.ts";
export { JOB_REMIND, ACTION_SNOOZE, JOB_INFORM } from "./ids.ts";
import { channelTranslator } from "../../people/channels.ts";
import type { Deps } from "../../deps.ts";
import type { Db } from "../../infra/db.ts";
import { scheduleTimer } from "../../scheduler/timers.ts";
import type { JobKind } from "../../scheduler/types.ts";
import { userContext } from "../../people/people.ts";
import type { Task } from "../../generated/prisma/client.ts";
import { localTime, shiftDate, todayIn } from "../../infra/time.ts";
import { parseTask } from "./blocks.ts";

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

const remind: JobKind<Deps> = {
  kind: JOB_REMIND,
  async run(deps, job) {
    const { taskId, gen, kind } = payloadOf(
      z.object({ taskId: z.string(), gen: z.number().int(), kind: z.enum(["soon", "overdue", "toA"]) }),
      job.payload,
      "task reminder",
    );
    const task = await deps.db.task.findUnique({ where: { id: taskId } });
    if (!task || task.gen !== gen || task.status === "approved" || task.status === "waiting") return;
    const p = parseTask(task);
    const who = kind === "toA" ? [task.aId] : p.r;
    for (const u of who) {
      const t = (await userContext(deps, u)).t;
      const text =
        kind === "soon"
          ? t("raci.remind.soon", { number: task.number, title: task.title, due: task.dueDate })
          : kind === "overdue"
            ? t("raci.remind.overdue", { number: task.number, title: task.title, due: task.dueDate })
            : t("raci.remind.toA", {
                number: task.number,
                title: task.title,
                due: task.dueDate,
                days: 1 + GRACE_DAYS,
                r: p.r.map((r) => `<@${r}>`).join(" "),
              });
      const snooze = {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: ACTION_SNOOZE,
            text: { type: "plain_text", text: t("raci.btn.snooze") },
            value: job.key.slice(0, 1900),
          },
        ],
      };
      await deps.outbox.enqueue(deps.db, {
        kind: "post",
        channel: u,
        body: { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }, snooze] },
        dedupeKey: `${job.key}:${u}`,
        group: {
          key: "raci.reminders",
          item: { line: text.split("\n")[0]!, rank: 2, head: { title: "rollup.raci.reminders", locale: t.locale } },
        },
      });
    }
  },
};

const inform: JobKind<Deps> = {
  kind: JOB_INFORM,
  async run(deps, job) {
    const { target } = payloadOf(z.object({ target: z.string() }), job.payload, "inform note");
    const notices = await deps.db.taskNotice.findMany({
      where: { target, sentAt: null },
      orderBy: { createdAt: "asc" },
    });
    if (notices.length === 0) return;
    const tasks = await deps.db.task.findMany({
      where: { id: { in: notices.map((n) => n.taskId) } },
      orderBy: { number: "asc" },
    });
    // A person reads it in their language; a channel in its own.
    const t = /^[UW]/.test(target) ? (await userContext(deps, target)).t : await channelTranslator(deps, target);
    const list = tasks.map((x) => t("raci.inform.row", { number: x.number, title: x.title, a: x.aId })).join("\n");
    await deps.db.$transaction(async (tx) => {
      await deps.outbox.enqueue(tx, {
        kind: "post",
        channel: target,
        body: { text: t("raci.inform.note", { list }) },
        dedupeKey: `${job.key}:note`,
      });
      await tx.taskNotice.updateMany({
        where: { id: { in: notices.map((n) => n.id) } },
        data: { sentAt: deps.clock.now() },
      });
    });
  },
};

export const raciJobs: JobKind<Deps>[] = [remind, inform];

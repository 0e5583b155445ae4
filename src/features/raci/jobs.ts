// The task timers when due: a reminder to R (due soon, overdue) or to A (overdue past the grace
// period) with a Snooze button, and the day's one note to each I of the outcomes they wait for.
import { stored } from "../../infra/db/stored.ts";
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { channelTranslator } from "../../people/channels.ts";
import { userContext } from "../../people/people.ts";
import type { JobKind } from "../../scheduler/types.ts";
import { ACTION_SNOOZE, JOB_INFORM, JOB_REMIND } from "./ids.ts";
import { GRACE_DAYS } from "./reminders.ts";
import { parseTask } from "./task-row.ts";

const remind: JobKind<Deps> = {
  kind: JOB_REMIND,
  async run(deps, job) {
    const { taskId, gen, kind } = stored(
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
    const { target } = stored(z.object({ target: z.string() }), job.payload, "inform note");
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

// The tasks people ask about: a person's own (/task mine, App Home) and the late ones (/task overdue).
import type { Deps } from "../../deps.ts";
import type { Translator } from "../../infra/i18n.ts";
import { todayIn } from "../../infra/time.ts";
import { parseTask } from "./task-row.ts";
import type { TaskStatus } from "./rules.ts";
import type { MessageBody } from "../../outbox/message.ts";
import { withTable } from "../../outbox/table.ts";

/**
 * The unfinished tasks a person has a role in, found by the database (ids are stored as JSON
 * arrays, so a quoted id matches exactly one element): a busy workspace's first 50 tasks would
 * miss someone's. The caller still checks the role it cares about.
 */
export function tasksOf(deps: Deps, userId: string) {
  const quoted = JSON.stringify(userId);
  return deps.db.task.findMany({
    where: {
      status: { not: "approved" },
      OR: [
        { aId: userId },
        { rIds: { contains: quoted } },
        { cIds: { contains: quoted } },
        { iTargets: { contains: quoted } },
        { consults: { contains: quoted } },
      ],
    },
    orderBy: [{ dueDate: "asc" }, { number: "asc" }],
  });
}

/** A person's unfinished tasks by role: the text groups them, the table has a row per task and role. */
export async function mine(deps: Deps, t: Translator, userId: string): Promise<MessageBody> {
  const tasks = await tasksOf(deps, userId);
  const roles: [string, (x: (typeof tasks)[number]) => boolean][] = [
    ["R", (x) => parseTask(x).r.includes(userId)],
    ["A", (x) => x.aId === userId],
    ["C", (x) => userId in parseTask(x).consults],
    ["I", (x) => parseTask(x).i.includes(userId)],
  ];
  const lines = [t("raci.mine.title")];
  const rows: string[][] = [];
  for (const [role, has] of roles) {
    const list = tasks.filter((x) => x.status !== "waiting" && has(x));
    if (!list.length) continue;
    lines.push(t("raci.mine.role", { role }));
    for (const x of list) {
      const status = t(`raci.status.${x.status as TaskStatus}`);
      lines.push(t("raci.mine.row", { number: x.number, title: x.title, due: x.dueDate, status }));
      rows.push([role, `#${x.number}`, x.title, x.dueDate, status]);
    }
  }
  if (!rows.length) return { text: t("raci.mine.empty") };
  const cols = ["role", "number", "title", "due", "status"] as const;
  return withTable(
    { text: lines.join("\n") },
    { header: cols.map((k) => t(`raci.mine.col.${k}`)), align: ["center", "right", "left", "left", "left"], rows },
    [lines[0]!],
  );
}

export async function overdue(deps: Deps, t: Translator): Promise<string> {
  const today = todayIn(deps.clock.now(), deps.config.DEFAULT_TIMEZONE);
  const tasks = await deps.db.task.findMany({
    where: { status: { notIn: ["approved", "waiting"] }, dueDate: { lt: today } },
    orderBy: { dueDate: "asc" },
  });
  if (!tasks.length) return t("raci.mine.empty");
  return [
    t("raci.overdue.title"),
    ...tasks.map(
      (x) =>
        `${t("raci.mine.row", { number: x.number, title: x.title, due: x.dueDate, status: t(`raci.status.${x.status as TaskStatus}`) })} · R ${parseTask(
          x,
        )
          .r.map((r) => `<@${r}>`)
          .join(" ")} · A <@${x.aId}>`,
    ),
  ].join("\n");
}

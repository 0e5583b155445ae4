// What /task accepts, what the task form sends and what its buttons carry, validated before
// anything is written.
import { z } from "zod";
import { isRealDate } from "../../infra/time.ts";
import type { Translator } from "../../infra/i18n.ts";
import { ACTION } from "./ids.ts";
import { checkRoles, type TaskAction } from "./rules.ts";

export type TaskCommand =
  | { sub: "new" | "mine" | "overdue" | "roles" }
  | { sub: "matrix"; ref: string }
  | { sub: "flow"; template: string; name: string }
  | { sub: "role"; role: string; userId: string; backupId: string | null };

const userRe = /^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/;

/** The command, or undefined when the words make none (the caller shows the usage). */
export function parseTaskCommand(words: string[]): TaskCommand | undefined {
  const [sub = "", ...rest] = words;
  switch (sub.toLowerCase()) {
    case "new":
    case "mine":
    case "overdue":
    case "roles":
      return { sub: sub.toLowerCase() as "new" };
    case "matrix":
      return rest[0] ? { sub: "matrix", ref: rest[0] } : undefined;
    case "flow": {
      const [template, ...name] = rest;
      return template && name.length ? { sub: "flow", template, name: name.join(" ") } : undefined;
    }
    case "role": {
      const [role, main, backup] = rest;
      const userId = userRe.exec(main ?? "")?.[1];
      const backupId = backup ? userRe.exec(backup)?.[1] : undefined;
      if (!role || !/^[a-z_]{2,30}$/.test(role) || !userId || (backup && !backupId)) return undefined;
      return { sub: "role", role, userId, backupId: backupId ?? null };
    }
  }
  return undefined;
}

/** A modal's state.values, as Slack sends them for the inputs the task forms use. */
export type FormValues = Record<
  string,
  Record<
    string,
    {
      value?: string | null;
      selected_date?: string | null;
      selected_user?: string | null;
      selected_users?: string[];
      selected_conversation?: string | null;
      selected_conversations?: string[];
    }
  >
>;
export const field = (v: FormValues, id: string) => v[id]?.[id];

export const TaskId = z.string().regex(/^[a-z0-9]{10,40}$/, "a task id");
export const ReasonMeta = z.object({
  taskId: TaskId,
  action: z.enum(Object.keys(ACTION) as [TaskAction, ...TaskAction[]]),
});
export const CreateMeta = z.object({ link: z.string().max(500).optional() });

export interface TaskForm {
  title: string;
  description: string;
  dueDate: string;
  r: string[];
  a: string[];
  c: string[];
  i: string[];
  channelId?: string;
}

/** The task form read and checked: each wrong field named in the person's words, or the task. */
export function readTaskForm(
  v: FormValues,
  o: { t: Translator; today: string; allowSelfApprove: boolean },
): { errors: Record<string, string> } | { form: TaskForm } {
  const one = field(v, "a")?.selected_user;
  const form: TaskForm = {
    title: (field(v, "title")?.value ?? "").trim(),
    description: (field(v, "description")?.value ?? "").trim(),
    dueDate: field(v, "due")?.selected_date ?? "",
    r: field(v, "r")?.selected_users ?? [],
    a: field(v, "a")?.selected_users ?? (one ? [one] : []),
    c: field(v, "c")?.selected_users ?? [],
    i: field(v, "i")?.selected_conversations ?? [],
    channelId: field(v, "channel")?.selected_conversation ?? undefined,
  };
  const errors: Record<string, string> = {};
  if (!form.title) errors.title = o.t("raci.error.title");
  // Slack's date picker sends yyyy-mm-dd; a crafted or replayed form can send anything.
  const due = form.dueDate;
  if (!due) errors.due = o.t("raci.error.due");
  else if (!isRealDate(due)) errors.due = o.t("raci.error.dueInvalid", { date: due.slice(0, 20) });
  else if (due < o.today) errors.due = o.t("raci.error.duePast", { date: due, today: o.today });
  const refused = checkRoles({ r: form.r, a: form.a, c: form.c }, o.allowSelfApprove);
  if (refused) errors[refused === "raci.error.noR" ? "r" : "a"] = o.t(refused);
  return Object.keys(errors).length ? { errors } : { form: { ...form, title: form.title.slice(0, 150) } };
}

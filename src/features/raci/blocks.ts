// Block Kit pieces of a task (mrkdwn, who, a role's button) and the App Home list of one's tasks.
import type { Button, KnownBlock } from "@slack/types";
import { ACTION } from "./ids.ts";
import { esc } from "../../infra/markup.ts";
import type { Task } from "../../generated/prisma/client.ts";
import type { Translator } from "../../infra/i18n.ts";
import type { TaskStatus } from "./rules.ts";

export const md = (text: string) => ({ type: "mrkdwn" as const, text });
export const who = (ids: string[]) =>
  ids.length ? ids.map((u) => (/^[CG]/.test(u) ? `<#${u}>` : `<@${u}>`)).join(" ") : "–";
export const button = (
  t: Translator,
  name: keyof typeof ACTION,
  taskId: string,
  style?: "primary" | "danger",
): Button => ({
  type: "button",
  action_id: ACTION[name],
  text: { type: "plain_text", text: t(`raci.btn.${name}`) },
  value: taskId,
  ...(style ? { style } : {}),
});

/** App Home: the tasks a person does (R) or must approve (A), one line each. */
export function homeBlocks(t: Translator, tasks: Task[]): KnownBlock[] {
  const rows = tasks.map(
    (x) => `• #${x.number} ${esc(x.title)} · ${x.dueDate} · ${t(`raci.status.${x.status as TaskStatus}`)}`,
  );
  return [{ type: "section", text: md([t("raci.mine.title"), ...rows].join("\n")) }, { type: "divider" }];
}

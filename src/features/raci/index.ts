import type { App } from "@slack/bolt";
import type { Deps } from "../../deps.ts";
import type { Feature } from "../../feature.ts";
import { homeBlocks } from "./blocks.ts";
import { COMMAND } from "./ids.ts";
import { raciJobs } from "./jobs.ts";
import { tasksOf } from "./queries.ts";
import { registerActions } from "./slack-actions.ts";
import { registerCommand } from "./slack-command.ts";
import { registerViews } from "./slack-views.ts";
import { parseTask } from "./task-row.ts";

export const raciFeature: Feature = {
  name: "raci",
  commands: [{ command: COMMAND, help: ["cmd.task.new", "cmd.task.views", "cmd.task.flow"] }],
  register(app: App, deps: Deps) {
    registerCommand(app, deps);
    registerViews(app, deps);
    registerActions(app, deps);
  },
  jobs: raciJobs,
  async homeSection(deps, user) {
    const tasks = (await tasksOf(deps, user.userId)).filter((t) => t.status !== "waiting");
    const mine = tasks
      .filter((t) => parseTask(t).r.includes(user.userId) || (t.aId === user.userId && t.status === "ready"))
      .slice(0, 15);
    if (!mine.length) return [];
    return homeBlocks(user.t, mine);
  },
};

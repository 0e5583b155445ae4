import { homeBlocks } from "./blocks.ts";
import { parseTask } from "./blocks.ts";
import type { Feature } from "../feature.ts";
import { raciJobs } from "./reminders.ts";
import { COMMAND, registerRaci } from "./slack.ts";
import { tasksOf } from "./views.ts";

export const raciFeature: Feature = {
  name: "raci",
  commands: [{ command: COMMAND, help: ["cmd.task.new", "cmd.task.views", "cmd.task.flow"] }],
  register: registerRaci,
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

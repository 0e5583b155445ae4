import type { Feature } from "../../feature.ts";
import { homeBlocks } from "./blocks.ts";
import { COMMAND } from "./ids.ts";
import { campaignJobs } from "./jobs.ts";
import { todayIn } from "../../infra/time.ts";
import { registerActions } from "./slack-actions.ts";
import { listPoll, listRecurring } from "./slack-lists.ts";
import { registerCommand } from "./slack-command.ts";
import { registerViews } from "./slack-views.ts";
import { registerT0Actions } from "./t0/slack.ts";
import { t0Jobs } from "./t0/jobs.ts";
import { JOB_T0_TICK } from "./t0/room.ts";

export const campaignsFeature: Feature = {
  name: "campaigns",
  commands: [
    {
      command: COMMAND,
      help: [
        "cmd.promo.new",
        "cmd.promo.list",
        "cmd.promo.manage",
        "cmd.promo.retro",
        "cmd.promo.template",
        "cmd.promo.t0",
      ],
    },
  ],
  register(app, deps) {
    registerCommand(app, deps);
    registerViews(app, deps);
    registerActions(app, deps);
    registerT0Actions(app, deps);
  },
  jobs: [...campaignJobs, ...t0Jobs, listPoll],
  // The T0 war rooms' tick: every minute, in UTC (each room reads its own promotion's zone); the
  // checklists' Slack Lists read back every two minutes.
  recurring: () => [{ name: "promo.t0", cron: "* * * * *", timeZone: "UTC", kind: JOB_T0_TICK }, listRecurring],
  async homeSection(deps, user) {
    const items = await deps.db.campaignItem.findMany({
      where: { ownerId: user.userId, status: "open", campaign: { status: "active" } },
      include: { campaign: true },
      orderBy: [{ dueDate: "asc" }, { seq: "asc" }],
      take: 20,
    });
    if (items.length === 0) return [];
    const today = todayIn(deps.clock.now(), user.timeZone);
    return homeBlocks(user.t, user.locale, items, today);
  },
};

import { HOME_PAGE, homePageValue, type Feature } from "../../feature.ts";
import { homeBlocks } from "./blocks.ts";
import { caseRow } from "./blocks-answers.ts";
import { COMMAND } from "./ids.ts";
import { auditClocks, clockAuditJob, clockAuditRecurring } from "./clock-audit.ts";
import { complaintJobs } from "./jobs.ts";
import { backfillTierPeople, casesFor } from "./queries.ts";
import { registerCard } from "./slack-card.ts";
import { registerCommand } from "./slack-command.ts";
import { registerCreate } from "./slack-create.ts";

export const complaintsFeature: Feature = {
  name: "complaints",
  commands: [
    {
      command: COMMAND,
      help: [
        "cmd.complaint.new",
        "cmd.complaint.list",
        "cmd.complaint.tiers",
        "cmd.complaint.policy",
        "cmd.complaint.report",
      ],
    },
  ],
  register(app, deps) {
    registerCreate(app, deps);
    registerCard(app, deps);
    registerCommand(app, deps);
  },
  jobs: [...complaintJobs, clockAuditJob],
  recurring: clockAuditRecurring,
  async onStart(deps) {
    await backfillTierPeople(deps);
    await auditClocks(deps);
  },
  async homeSection(deps, user, offset) {
    const page = await casesFor(deps, user.userId, offset);
    if (page.total === 0) return [];
    return homeBlocks(
      user.t,
      page.cases.map((c) => caseRow(user.t, c, user.timeZone)),
      { ...page, shown: page.cases.length },
      (o) => ({ action_id: HOME_PAGE, value: homePageValue("complaints", o) }),
    );
  },
};

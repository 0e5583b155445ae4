import type { Feature } from "../feature.ts";
import { homeBlocks } from "./blocks.ts";
import { caseRow } from "./answers.ts";
import { COMMAND } from "./ids.ts";
import { auditClocks, clockAuditJob, clockAuditRecurring } from "./clock-audit.ts";
import { complaintJobs } from "./jobs.ts";
import { casesFor } from "./queries.ts";
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
    await auditClocks(deps);
  },
  async homeSection(deps, user) {
    const cases = await casesFor(deps, user.userId);
    if (cases.length === 0) return [];
    return homeBlocks(
      user.t,
      cases.slice(0, 20).map((c) => caseRow(user.t, c, user.timeZone)),
    );
  },
};

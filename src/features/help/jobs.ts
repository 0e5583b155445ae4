// The bot's own housekeeping: forgetting Slack request ids once no retry or replay can come.
import type { Deps } from "../../deps.ts";
import { forgetSeen } from "../../infra/db/seen.ts";
import type { JobKind, RecurringJob } from "../../scheduler/types.ts";

export const JOB_FORGET_SEEN = "housekeeping.forgetSeen";

export const housekeepingJobs: JobKind<Deps>[] = [
  {
    kind: JOB_FORGET_SEEN,
    async run(deps) {
      const n = await forgetSeen(deps.db, deps.clock.now());
      if (n) deps.log.info({ forgotten: n }, "old request ids forgotten");
    },
  },
];

export const housekeepingRecurring = (): RecurringJob[] => [
  { name: "forget-seen", cron: "17 * * * *", timeZone: "UTC", kind: JOB_FORGET_SEEN },
];

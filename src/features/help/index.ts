import type { Feature } from "../../feature.ts";
import { COMMAND } from "./ids.ts";
import { housekeepingJobs, housekeepingRecurring } from "./jobs.ts";
import { registerHelp } from "./slack.ts";
import { exportRoute } from "./export-actions.ts";

export const helpFeature: Feature = {
  name: "help",
  commands: [
    {
      command: COMMAND,
      help: ["cmd.shopops.help", "cmd.shopops.language", "cmd.shopops.status", "cmd.shopops.export"],
    },
  ],
  register: registerHelp,
  jobs: housekeepingJobs,
  recurring: housekeepingRecurring,
  routes: [exportRoute],
};

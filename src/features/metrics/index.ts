import type { Feature } from "../feature.ts";
import { auditDigests, digestJob } from "./digest.ts";
import { COMMAND, registerMetrics } from "./slack.ts";
import { metricsWebhook } from "./webhook.ts";

export const metricsFeature: Feature = {
  name: "metrics",
  commands: [{ command: COMMAND, help: ["cmd.metrics.digest", "cmd.metrics.targets", "cmd.metrics.alerts", "cmd.metrics.import"] }],
  register: registerMetrics,
  jobs: [digestJob],
  routes: [metricsWebhook],
  onStart: auditDigests,
};

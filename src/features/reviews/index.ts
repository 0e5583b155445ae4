import type { Feature } from "../feature.ts";
import { briefingJob } from "./briefing.ts";
import { auditBriefings, COMMAND, registerReviews } from "./slack.ts";
import { reviewsWebhook } from "./webhook.ts";

export const reviewsFeature: Feature = {
  name: "reviews",
  commands: [{ command: COMMAND, help: ["cmd.reviews.setup", "cmd.reviews.briefing", "cmd.reviews.keywords", "cmd.reviews.import"] }],
  register: registerReviews,
  jobs: [briefingJob],
  routes: [reviewsWebhook],
  onStart: auditBriefings,
};

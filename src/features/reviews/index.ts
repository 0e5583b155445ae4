import type { App } from "@slack/bolt";
import type { Deps } from "../../deps.ts";
import type { Feature } from "../../feature.ts";
import { reviewsExport } from "./export-intake.ts";
import { registerIntakeShortcut } from "../../intake/shortcut.ts";
import { webhookRoute } from "../../intake/webhook.ts";
import { auditBriefings } from "./briefing.ts";
import { COMMAND } from "./ids.ts";
import { reviewsIntake } from "./intake.ts";
import { briefingJob } from "./jobs.ts";
import { registerActions } from "./slack-actions.ts";
import { registerCommand } from "./slack-command.ts";

export const reviewsFeature: Feature = {
  name: "reviews",
  commands: [
    {
      command: COMMAND,
      help: [
        "cmd.reviews.setup",
        "cmd.reviews.briefing",
        "cmd.reviews.keywords",
        "cmd.reviews.hints",
        "cmd.reviews.import",
      ],
    },
  ],
  register(app: App, deps: Deps) {
    registerCommand(app, deps);
    registerActions(app, deps);
    registerIntakeShortcut(app, deps, reviewsIntake, reviewsExport);
  },
  jobs: [briefingJob],
  routes: [webhookRoute(reviewsIntake)],
  onStart: auditBriefings,
};

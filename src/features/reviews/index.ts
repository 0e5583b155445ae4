import { decodeText } from "../../infra/csv.ts";
import { problemLines, registerFileImport } from "../../slack/file-import.ts";
import type { Feature } from "../feature.ts";
import { ingestReviews } from "./ingest.ts";
import { parseCsvReviews, parseJsonReviews } from "./parse-batch.ts";
import { briefingJob } from "./briefing.ts";
import { auditBriefings, COMMAND, registerReviews } from "./slack.ts";
import { reviewsWebhook } from "./webhook.ts";

export const reviewsFeature: Feature = {
  name: "reviews",
  commands: [
    {
      command: COMMAND,
      help: ["cmd.reviews.setup", "cmd.reviews.briefing", "cmd.reviews.keywords", "cmd.reviews.import"],
    },
  ],
  register(app, deps) {
    registerReviews(app, deps);
    registerFileImport(app, deps, {
      callbackId: "reviews_import_file",
      async run(d, bytes, name) {
        const tz = d.config.DEFAULT_TIMEZONE;
        const b = /\.csv$/i.test(name) ? parseCsvReviews(bytes, tz) : parseJsonReviews(decodeText(bytes), tz);
        const r = await ingestReviews(d, b.reviews);
        return {
          key: "reviews.import.result",
          params: {
            stored: r.stored,
            duplicates: r.duplicates,
            bad: new Set(b.problems.map((p) => p.row)).size,
            problems: problemLines(b.problems),
          },
        };
      },
    });
  },
  jobs: [briefingJob],
  routes: [reviewsWebhook],
  onStart: auditBriefings,
};

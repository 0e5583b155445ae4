// Reviews coming in (webhook, Import shortcut, npm run import:reviews): rows read by
// parse-batch.ts and schema.ts, stored once per platform and review id by ingest.ts.
import { decodeText } from "../../infra/csv.ts";
import type { Intake } from "../../intake/intake.ts";
import { ingestReviews, ReviewIngest } from "./ingest.ts";
import { parseCsvReviews, parseJsonReviews } from "./parse-batch.ts";
import { validateRow, type ParsedReview } from "./schema-rows.ts";

export const reviewsIntake: Intake<ParsedReview> = {
  kind: "reviews",
  path: "/webhooks/reviews",
  tokenSetting: "REVIEWS_WEBHOOK_TOKEN",
  readJson(text, config) {
    const b = parseJsonReviews(text, config.DEFAULT_TIMEZONE);
    return { items: b.reviews, problems: b.problems };
  },
  readFile(bytes, name, config) {
    const tz = config.DEFAULT_TIMEZONE;
    const b = /\.csv$/i.test(name) ? parseCsvReviews(bytes, tz) : parseJsonReviews(decodeText(bytes), tz);
    return { items: b.reviews, problems: b.problems };
  },
  readLine(value, row, config) {
    const v = validateRow(value, row, config.DEFAULT_TIMEZONE);
    return v.ok ? { ok: true, item: v.review } : v;
  },
  store: async (deps, items) => ({ ...(await ingestReviews(deps, items)) }),
  stream(deps) {
    const ingest = new ReviewIngest(deps);
    return { add: (items) => ingest.add(items), finish: async () => ({ ...(await ingest.finish()) }) };
  },
  shortcut: { callbackId: "reviews_import_file", result: "reviews.import.result" },
  usage: "npm run import:reviews -- <file.csv|file.json|file.ndjson>",
};

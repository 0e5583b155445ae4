// npm run import:reviews -- reviews.csv   (CSV in UTF-8, UTF-8 with BOM or GBK; or JSON / NDJSON)
import { runImport } from "../../cli/import-file.ts";
import { decodeText } from "../../infra/csv.ts";
import { ingestReviews } from "./ingest.ts";
import { parseCsvReviews, parseJsonReviews } from "./parse-batch.ts";
import type { ParsedReview } from "./schema.ts";

await runImport(process.argv[2], {
  usage: "npm run import:reviews -- <file.csv|file.json|file.ndjson>",
  parse(bytes, file, config) {
    const b = /\.csv$/i.test(file)
      ? parseCsvReviews(bytes, config.DEFAULT_TIMEZONE)
      : parseJsonReviews(decodeText(bytes), config.DEFAULT_TIMEZONE);
    return { items: b.reviews, problems: b.problems };
  },
  ingest: (deps, items) => ingestReviews(deps, items as ParsedReview[]) as unknown as Promise<Record<string, number>>,
});

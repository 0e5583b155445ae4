// Reviews from a platform's review export (intake/exports/), the storing half: the reviews the
// reading half (export-reading.ts) read go through ReviewIngest, its keyword alerts included.
import type { ExportIntake } from "../../intake/exports/run-export.ts";
import { reviewsReading } from "./export-reading.ts";
import { ReviewIngest } from "./ingest.ts";
import type { ParsedReview } from "./schema-rows.ts";

export const reviewsExport: ExportIntake<ParsedReview> = {
  ...reviewsReading,
  stream(deps) {
    const ingest = new ReviewIngest(deps);
    return { add: (items) => ingest.add(items), finish: async () => ({ ...(await ingest.finish()) }) };
  },
};

// npm run import:reviews -- reviews.csv   (CSV in UTF-8, UTF-8 with BOM or GBK; or JSON / NDJSON)
import { reviewsIntake } from "../features/reviews/intake.ts";
import { reviewsExport } from "../features/reviews/export-intake.ts";
import { runImport } from "./import-file.ts";

await runImport(process.argv.slice(2), reviewsIntake, reviewsExport);

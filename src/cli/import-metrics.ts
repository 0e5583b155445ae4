// npm run import:metrics -- day.csv | export.xlsx [--store shop1] [--preview]
// (a file in the bot's own columns, or a platform's export)
import { metricsIntake } from "../features/metrics/intake.ts";
import { metricsExport } from "../features/metrics/export-intake.ts";
import { runImport } from "./import-file.ts";

await runImport(process.argv.slice(2), metricsIntake, metricsExport);

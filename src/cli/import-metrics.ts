// npm run import:metrics -- day.csv   (CSV in UTF-8, UTF-8 with BOM or GBK; or a JSON array)
import { metricsIntake } from "../features/metrics/intake.ts";
import { runImport } from "./import-file.ts";

await runImport(process.argv[2], metricsIntake);

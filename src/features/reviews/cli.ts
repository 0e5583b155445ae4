// Import reviews from a CSV or JSON/NDJSON file on the server:
//   npm run import:reviews -- reviews.csv
// Uses the same settings as the bot (DATABASE_URL, DEFAULT_TIMEZONE…). Good rows are stored; bad
// rows are listed by line number. Critical reviews raise alerts when the bot next sends messages.
import { readFileSync } from "node:fs";
import { boot } from "../../boot.ts";
import { ConfigError, loadDotEnv, readConfig } from "../../config.ts";
import { decodeText } from "../../infra/csv.ts";
import { ingestReviews } from "./ingest.ts";
import { parseCsvReviews, parseJsonReviews } from "./parse-batch.ts";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: npm run import:reviews -- <file.csv|file.json|file.ndjson>\n");
  process.exit(2);
}
loadDotEnv();
let config;
try {
  config = readConfig({ ...process.env, PORT: "0", HOST: "127.0.0.1" });
} catch (e) {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  throw e;
}
const bytes = readFileSync(file);
const batch = /\.csv$/i.test(file) ? parseCsvReviews(bytes, config.DEFAULT_TIMEZONE) : parseJsonReviews(decodeText(bytes), config.DEFAULT_TIMEZONE);
const bot = await boot(config, { env: process.env, manualScheduler: true });
const r = await ingestReviews(bot.deps, batch.reviews);
for (const p of batch.problems) process.stdout.write(`line ${p.row}: ${p.field}: ${p.message}\n`);
process.stdout.write(`stored ${r.stored}, already known ${r.duplicates}, critical ${r.critical}, bad rows ${new Set(batch.problems.map((p) => p.row)).size}\n`);
await new Promise((res) => setTimeout(res, 1500));
await bot.stop();
process.exit(batch.problems.length ? 1 : 0);

// Import metrics from a CSV or JSON file on the server:  npm run import:metrics -- day.csv
// Good rows are stored (a re-sent day replaces the old one), bad rows listed by line.
import { readFileSync } from "node:fs";
import { boot } from "../../boot.ts";
import { ConfigError, loadDotEnv, readConfig } from "../../config.ts";
import { decodeText } from "../../infra/csv.ts";
import { ingestMetrics } from "./ingest.ts";
import { parseCsvMetrics, parseJsonMetrics } from "./parse-batch.ts";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: npm run import:metrics -- <file.csv|file.json>\n");
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
const batch = /\.csv$/i.test(file) ? parseCsvMetrics(bytes) : parseJsonMetrics(decodeText(bytes));
const bot = await boot(config, { env: process.env, manualScheduler: true });
const r = await ingestMetrics(bot.deps, batch.records);
for (const p of batch.problems) process.stdout.write(`line ${p.row}: ${p.field}: ${p.message}\n`);
process.stdout.write(`stored ${r.stored}, replaced ${r.replaced}, alerts ${r.alerts}, bad rows ${new Set(batch.problems.map((p) => p.row)).size}\n`);
await new Promise((res) => setTimeout(res, 1500));
await bot.stop();
process.exit(batch.problems.length ? 1 : 0);

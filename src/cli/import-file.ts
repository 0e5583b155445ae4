// Shared by the file importers (npm run import:reviews / import:metrics): reads the settings,
// boots the bot without its Slack listeners' scheduler loop, ingests, reports bad rows by line,
// gives the outbox a moment to deliver any alerts, and exits 1 if any row was bad.
import { readFileSync } from "node:fs";
import { boot } from "../boot.ts";
import { ConfigError, configFromEnvironment, environmentForChildren, type Config } from "../config.ts";
import type { ExportIntake } from "../intake/exports/run-export.ts";
import { isSpreadsheetName, notOwnColumns, type Intake } from "../intake/intake.ts";
import { importExport } from "./import-export.ts";

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function runImport<T, E>(args: string[], imp: Intake<T>, exp?: ExportIntake<E>): Promise<never> {
  const file = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--store");
  if (!file) {
    process.stderr.write(`usage: ${imp.usage}\n`);
    process.exit(2);
  }
  let config: Config;
  try {
    config = configFromEnvironment({ PORT: "0", HOST: "127.0.0.1" });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  // A platform's export (a spreadsheet, or a CSV whose header isn't the bot's own columns).
  const bytes = isSpreadsheetName(file) ? undefined : readFileSync(file);
  const batch = bytes ? imp.readFile(bytes, file, config) : undefined;
  const foreign = !batch || notOwnColumns(batch.problems);
  if (exp && foreign && !/\.(json|ndjson)$/i.test(file)) {
    const bot = await boot(config, { env: environmentForChildren(), manualScheduler: true });
    const code = await importExport(bot.deps, exp, file, {
      store: flag(args, "--store"),
      preview: args.includes("--preview"),
    });
    await new Promise((r) => setTimeout(r, 1500));
    await bot.stop();
    process.exit(code);
  }
  if (!batch) process.exit(2);
  const bot = await boot(config, { env: environmentForChildren(), manualScheduler: true });
  const result = await imp.store(bot.deps, batch.items);
  for (const p of batch.problems) process.stdout.write(`line ${p.row}: ${p.field}: ${p.message}\n`);
  const summary = Object.entries(result)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  process.stdout.write(`${summary}, bad rows ${new Set(batch.problems.map((p) => p.row)).size}\n`);
  await new Promise((r) => setTimeout(r, 1500));
  await bot.stop();
  process.exit(batch.problems.length ? 1 : 0);
}

// Shared by the file importers (npm run import:reviews / import:metrics): reads the settings,
// boots the bot without its Slack listeners' scheduler loop, ingests, reports bad rows by line,
// gives the outbox a moment to deliver any alerts, and exits 1 if any row was bad.
import { readFileSync } from "node:fs";
import { boot } from "../boot.ts";
import { ConfigError, configFromEnvironment, environmentForChildren, type Config } from "../config.ts";
import type { Intake } from "../intake/intake.ts";

export async function runImport<T>(file: string | undefined, imp: Intake<T>): Promise<never> {
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
  const batch = imp.readFile(readFileSync(file), file, config);
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

// `npm start`: the bot, connected to Slack with the settings in the environment (or .env). With
// no Slack settings at all, outside production, it starts the sandbox instead: the same bot
// against a local stand-in for Slack, in the browser. `npm run sandbox` asks for the sandbox.
import { boot, StartupError } from "./boot.ts";
import {
  ConfigError,
  configFromEnvironment,
  environmentForChildren,
  loadDotEnv,
  sandboxSettings,
  startMode,
} from "./config.ts";
import { keepRunningOnUncaughtErrors } from "./infra/last-resort.ts";
import { createLogger } from "./infra/logger.ts";
import { onSignals } from "./infra/shutdown.ts";

async function sandbox(): Promise<void> {
  // Loaded only here: a production process never loads any of the sandbox.
  const { startSandbox } = await import("./sandbox/start.ts");
  let settings;
  try {
    settings = sandboxSettings();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`shopops sandbox cannot start: ${e.problems.join("; ")}\n`);
    process.exit(2);
  }
  const log = createLogger(settings.logLevel);
  const s = await startSandbox({ ...settings, log });
  keepRunningOnUncaughtErrors(log);
  process.stdout.write(
    `\nshopops sandbox: ${s.url}\n` +
      `  The real bot, against a local stand-in for Slack: act as the demo team in your browser, move the clock, watch the bot work.\n` +
      `  To connect a real Slack workspace instead, set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (README.md → Creating the Slack app).\n` +
      `  Its database: ${settings.databaseUrl} (SANDBOX_DATABASE_URL; the bot's DATABASE_URL is never used by the sandbox).\n\n`,
  );
  onSignals(() => s.stop(), log);
}

async function bot(): Promise<void> {
  let config;
  try {
    config = configFromEnvironment();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(
      `shopops cannot start. Fix these settings (environment variables or a .env file; see README.md → Settings):\n` +
        e.problems.map((p) => `  - ${p}`).join("\n") +
        "\n",
    );
    process.exit(2);
  }
  let running;
  try {
    running = await boot(config, { env: environmentForChildren() });
  } catch (e) {
    if (e instanceof StartupError) {
      process.stderr.write(`shopops cannot start: ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  keepRunningOnUncaughtErrors(running.deps.log);
  onSignals(() => running.stop(), running.deps.log);
}

async function main(): Promise<void> {
  loadDotEnv();
  const asked = process.argv.includes("--sandbox");
  const { production, noSlack } = startMode();
  if (asked && production) {
    // A production process never loads the sandbox, even when asked.
    process.stderr.write("shopops: the sandbox does not run with NODE_ENV=production; unset NODE_ENV to try it.\n");
    process.exit(2);
  }
  if (asked || (!production && noSlack)) return sandbox();
  return bot();
}

main().catch((e) => {
  process.stderr.write(`shopops failed to start: ${(e as Error).message}\n`);
  process.exit(1);
});

import { boot, StartupError } from "./boot.ts";
import { ConfigError, configFromEnvironment, environmentForChildren } from "./config.ts";
import { keepRunningOnUncaughtErrors } from "./infra/last-resort.ts";

async function main(): Promise<void> {
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
  let bot;
  try {
    bot = await boot(config, { env: environmentForChildren() });
  } catch (e) {
    if (e instanceof StartupError) {
      process.stderr.write(`shopops cannot start: ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  keepRunningOnUncaughtErrors(bot.deps.log);
  const shutdown = (signal: string) => {
    bot.deps.log.info({ signal }, "shutting down");
    bot.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((e) => {
  process.stderr.write(`shopops failed to start: ${(e as Error).message}\n`);
  process.exit(1);
});

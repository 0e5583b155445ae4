// The app under test, in its own process so the load driver's event loop does not share its
// work: `tsx bench/targets.ts bare|full <slackApiUrl>` prints the port it listens on.
import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, HTTPReceiver } from "@slack/bolt";
import { boot } from "../src/boot.ts";
import { readConfig } from "../src/config.ts";
import { createLogger } from "../src/infra/logger.ts";
import { SIGNING_SECRET } from "../tests/support/signed.ts";

const [kind, slackApiUrl] = process.argv.slice(2) as [string, string];

async function bareBolt(): Promise<number> {
  const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET });
  const app = new App({ receiver, token: "xoxb-bench", botId: "B", botUserId: "U", tokenVerificationEnabled: false, clientOptions: { slackApiUrl } });
  app.command("/shopops", async ({ ack }) => ack());
  const server = await receiver.start(0);
  return (server.address() as AddressInfo).port;
}

async function fullStack(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "shopops-bench-"));
  const config = readConfig({
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackApiUrl,
    DATABASE_URL: `file:${join(dir, "bench.db")}`,
    PORT: "0",
    HOST: "127.0.0.1",
  });
  const bot = await boot(config, { log: createLogger("silent"), env: { PATH: process.env.PATH } });
  return bot.port;
}

const port = kind === "bare" ? await bareBolt() : await fullStack();
process.stdout.write(`${port}\n`);
process.on("SIGTERM", () => process.exit(0));

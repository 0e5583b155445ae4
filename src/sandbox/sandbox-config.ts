// The bot's settings in the sandbox: fresh secrets each start, the stand-in as Slack, and the
// demo team's lead as the admin.
import { randomBytes } from "node:crypto";
import { readConfig } from "../config.ts";

export function sandboxConfig(
  o: { port: number; host: string; databaseUrl: string; logLevel: string },
  slackApiUrl: string,
) {
  const secret = randomBytes(24).toString("hex");
  const reviewsToken = randomBytes(24).toString("hex");
  const metricsToken = randomBytes(24).toString("hex");
  const config = readConfig({
    SLACK_BOT_TOKEN: "xoxb-sandbox-not-a-real-token",
    SLACK_SIGNING_SECRET: secret,
    SLACK_API_URL: slackApiUrl,
    DATABASE_URL: o.databaseUrl,
    PORT: String(o.port),
    HOST: o.host,
    LOG_LEVEL: o.logLevel,
    ADMIN_USER_IDS: "U0LEAD",
    REVIEWS_WEBHOOK_TOKEN: reviewsToken,
    METRICS_WEBHOOK_TOKEN: metricsToken,
  });
  return { config, secret, reviewsToken, metricsToken };
}

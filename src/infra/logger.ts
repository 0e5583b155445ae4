import { pino, type Logger } from "pino";

// Tokens and secrets can ride in headers, Bolt's options or error objects; redact them wherever
// they sit so no log line ever carries one.
const redactPaths = [
  "token",
  "*.token",
  "*.*.token",
  "botToken",
  "appToken",
  "signingSecret",
  "*.botToken",
  "*.appToken",
  "*.signingSecret",
  "SLACK_BOT_TOKEN",
  "SLACK_APP_TOKEN",
  "SLACK_SIGNING_SECRET",
  "*.SLACK_BOT_TOKEN",
  "*.SLACK_APP_TOKEN",
  "*.SLACK_SIGNING_SECRET",
  "headers.authorization",
  "*.headers.authorization",
  "*.headers.Authorization",
  'headers["x-slack-signature"]',
  "response_url",
  "*.response_url",
  "responseUrl",
  "*.responseUrl",
];

export type Log = Logger;

export function createLogger(level: string, destination?: NodeJS.WritableStream): Log {
  return pino(
    { level, redact: { paths: redactPaths, censor: "[redacted]" }, base: { app: "shopops" } },
    destination as never,
  );
}

// The only reader of process.env. Every setting is parsed once, at start, and every problem is
// reported together so an operator fixes them in one go rather than one restart per mistake.
import { z } from "zod";
import { durationRe } from "./infra/duration.ts";

const Schema = z.object({
  SLACK_BOT_TOKEN: z
    .string({ error: "missing: the bot token (xoxb-…) from OAuth & Permissions" })
    .startsWith("xoxb-", "must start with xoxb- (the Bot User OAuth Token)"),
  // Required in HTTP mode only: Socket Mode requests arrive over an authenticated websocket.
  SLACK_SIGNING_SECRET: z.string().min(8, "looks too short to be a signing secret").optional(),
  SLACK_APP_TOKEN: z
    .string()
    .startsWith("xapp-", "must start with xapp- (an app-level token with connections:write)")
    .optional(),
  SLACK_API_URL: z.url("must be a URL such as https://slack.com/api/").default("https://slack.com/api/"),
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:|postgres(ql)?:\/\/)/,
      "must be a SQLite URL such as file:./data/shopops.db or a PostgreSQL URL such as postgresql://user:password@host:5432/shopops",
    )
    .default("file:./data/shopops.db"),
  // Connections each replica keeps open to PostgreSQL (ignored for SQLite).
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DEFAULT_TIMEZONE: z
    .string()
    .default("Asia/Shanghai")
    .refine(isTimeZone, "must be an IANA time zone such as Asia/Shanghai or Europe/London"),
  DEFAULT_LOCALE: z.enum(["zh-CN", "en"], { error: "must be zh-CN or en" }).default("zh-CN"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ADMIN_USER_IDS: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  TIMER_LEASE: z.string().regex(durationRe, "must be a duration such as 30s or 5m").default("60s"),
  REVIEWS_WEBHOOK_TOKEN: z.string().min(16, "use at least 16 random characters (e.g. openssl rand -hex 24)").optional(),
  METRICS_WEBHOOK_TOKEN: z.string().min(16, "use at least 16 random characters (e.g. openssl rand -hex 24)").optional(),
  // GET /export/actions.csv (the audit export for other systems) needs
  // Authorization: Bearer <EXPORT_TOKEN>; unset, it is off.
  EXPORT_TOKEN: z.string().min(16, "use at least 16 random characters (e.g. openssl rand -hex 24)").optional(),
  // When set, GET /metrics needs Authorization: Bearer <METRICS_TOKEN>.
  METRICS_TOKEN: z.string().min(16, "use at least 16 random characters (e.g. openssl rand -hex 24)").optional(),
  RACI_ALLOW_SELF_APPROVE: z
    .enum(["true", "false"], { error: "true or false" })
    .default("false")
    .transform((v) => v === "true"),
  OUTBOX_CHANNEL_INTERVAL: z.string().regex(durationRe, "must be a duration such as 1s or 1500ms").default("1s"),
  // Roll-ups (see README "When many things happen at once"): off sends every message on its own.
  DELIVERY_ROLLUPS: z.enum(["on", "off"], { error: "on or off" }).default("on"),
  // How long a channel's queue may grow
  // before news of one kind there becomes one roll-up message…
  DELIVERY_QUEUE_BUDGET: z.string().regex(durationRe, "must be a duration such as 10s").default("10s"),
  // …how long news for a person's DM waits for the rest of its wave…
  DELIVERY_GROUP_WAIT: z.string().regex(durationRe, "must be a duration such as 2s").default("2s"),
  // …and how long a roll-up stays open after its last news (also: at most one @-mention of a
  // person per channel, and one edit of a roll-up, per interval).
  DELIVERY_GROUP_INTERVAL: z.string().regex(durationRe, "must be a duration such as 60s or 1m").default("60s"),
  // A folder of the team's own import presets (YAML, one per platform export): read beside the
  // built-in ones in presets/, on every import, so an edit needs no restart. Same id: the team's wins.
  IMPORT_PRESETS_DIR: z.string().default("./data/presets"),
  // The largest file the Import shortcut fetches from Slack (MB). It is read on a thread of its
  // own and stored in slices, so size costs memory (the file is held once), not answers.
  IMPORT_MAX_MB: z.coerce.number().int().min(1, "at least 1").max(1024, "at most 1024").default(20),
  // Slack's workspace-wide cap on chat.postMessage is not published; this is what the bot keeps to.
  SLACK_POSTS_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(600),
  // chat.update is Tier 3: 50 a minute per workspace.
  SLACK_EDITS_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(50),
});

export type Config = z.output<typeof Schema>;

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  // Blank values count as unset: a .env template with empty lines shouldn't fail with odd errors.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = Schema.safeParse(cleaned);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  if (!cleaned.SLACK_APP_TOKEN && !cleaned.SLACK_SIGNING_SECRET) {
    problems.push(
      "SLACK_SIGNING_SECRET: missing: the signing secret from Basic Information → App Credentials (or set SLACK_APP_TOKEN to use Socket Mode)",
    );
  }
  if (parsed.success && problems.length === 0) return parsed.data;
  throw new ConfigError(problems);
}

export function loadDotEnv(path = ".env"): void {
  try {
    process.loadEnvFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
}

/** The settings of this process: .env (if present) under the environment, plus overrides. */
export function configFromEnvironment(overrides: Record<string, string> = {}): Config {
  loadDotEnv();
  return readConfig({ ...process.env, ...overrides });
}

/** The environment handed to child processes (the migration CLI). */
export function environmentForChildren(): NodeJS.ProcessEnv {
  return { ...process.env };
}

/** What `main` needs to decide between the bot and the sandbox, read with every other setting. */
export function startMode(env: Record<string, string | undefined> = process.env): {
  production: boolean;
  noSlack: boolean;
} {
  return {
    production: env.NODE_ENV === "production",
    noSlack: ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"].every((k) => !env[k]),
  };
}

export interface SandboxSettings {
  port: number;
  host: string;
  databaseUrl: string;
  logLevel: string;
}

/**
 * The sandbox's settings: PORT, HOST (this machine only by default: the sandbox has no login),
 * SANDBOX_DATABASE_URL and LOG_LEVEL. Throws ConfigError naming PORT when it isn't a port.
 */
export function sandboxSettings(env: Record<string, string | undefined> = process.env): SandboxSettings {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError([`PORT: must be a port number, got "${env.PORT}"`]);
  return {
    port,
    host: env.HOST ?? "127.0.0.1",
    databaseUrl: env.SANDBOX_DATABASE_URL ?? "file:./data/sandbox.db",
    logLevel: env.LOG_LEVEL ?? "warn",
  };
}

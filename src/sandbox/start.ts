// `npm run sandbox` (and `npm start` with no Slack settings, outside production): the real bot,
// unchanged, against a stand-in for Slack on loopback, with a page to act as the demo team and
// a clock that can jump ahead. Its database is its own (./data/sandbox.db by default).
import { feedHours } from "./hourly-feed.ts";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { sqlitePath } from "../infra/db/db.ts";
import { boot, type Bot } from "../boot.ts";
import { readConfig } from "../config.ts";
import { ShiftedClock } from "../infra/clock.ts";
import { createLogger, type Log } from "../infra/logger.ts";
import { loadDemo } from "./demo-data.ts";
import { CHANNELS, PEOPLE } from "./demo-workspace.ts";
import { sandboxRoutes } from "./routes.ts";
import { storm, type StormState } from "./storm.ts";
import { SlackDriver } from "./standin/driver.ts";
import { SlackStandIn } from "./standin/standin.ts";
import { restoreWorkspace, saveWorkspace, type Saved } from "./standin/workspace.ts";

export interface SandboxOptions {
  port: number;
  host: string;
  databaseUrl: string;
  logLevel: string;
  /** Load the demo data when the database is new (default true). */
  demo?: boolean;
  log?: Log;
}

export interface Sandbox {
  bot: Bot;
  standin: SlackStandIn;
  driver: SlackDriver;
  clock: ShiftedClock;
  url: string;
  demoReady: Promise<void>;
  stop(): Promise<void>;
}

export async function startSandbox(o: SandboxOptions): Promise<Sandbox> {
  const clock = new ShiftedClock();
  // Slack's limits, as Slack keeps them: a post a second per channel (burst 3), a workspace cap on
  // posts, 50 edits a minute. A burst (the storm demo) then looks in the sandbox as it would in Slack.
  const standin = await new SlackStandIn({
    strictChannels: true,
    channelBurst: 3,
    postsPerMinute: 600,
    editsPerMinute: 50,
  }).start();
  // Slack's side keeps the sandbox's time too: message timestamps, response_url expiry and rate
  // limits move with the clock the page moves.
  standin.clock = clock;
  for (const p of PEOPLE) standin.ws.people.set(p.id, p);
  for (const c of CHANNELS) standin.ws.channels.set(c.id, c);
  // Slack's side of the demo (its messages, files, home tabs) and the clock's offset are kept
  // beside the sandbox's database, so a restart finds the conversation where the bot left it.
  const savedPath = `${sqlitePath(o.databaseUrl)}.slack.json`;
  if (existsSync(savedPath)) {
    const saved = JSON.parse(readFileSync(savedPath, "utf8")) as Saved;
    restoreWorkspace(standin.ws, saved);
    clock.shift(saved.clockOffsetMs);
  }
  let saveTimer: NodeJS.Timeout | undefined;
  const save = () =>
    writeFileSync(savedPath, JSON.stringify(saveWorkspace(standin.ws, clock.offsetMs)), { mode: 0o600 });
  standin.ws.on("change", () => {
    if (saveTimer) return;
    saveTimer = setTimeout(() => {
      saveTimer = undefined;
      save();
    }, 500);
  });
  const secret = randomBytes(24).toString("hex");
  const reviewsToken = randomBytes(24).toString("hex");
  const metricsToken = randomBytes(24).toString("hex");
  const config = readConfig({
    SLACK_BOT_TOKEN: "xoxb-sandbox-not-a-real-token",
    SLACK_SIGNING_SECRET: secret,
    SLACK_API_URL: standin.apiUrl,
    DATABASE_URL: o.databaseUrl,
    PORT: String(o.port),
    HOST: o.host,
    LOG_LEVEL: o.logLevel,
    ADMIN_USER_IDS: "U0LEAD",
    REVIEWS_WEBHOOK_TOKEN: reviewsToken,
    METRICS_WEBHOOK_TOKEN: metricsToken,
  });
  const log = o.log ?? createLogger(config.LOG_LEVEL);
  let demo: "none" | "loading" | "ready" = "none";
  const stormState: StormState = { running: false, opened: 0, total: 300 };
  // Routes need the driver, which needs the bot's port: both are filled in once the bot listens.
  const late: { driver?: SlackDriver; load?: () => Promise<void> } = {};
  const routes = sandboxRoutes({
    standin,
    get driver() {
      return late.driver!;
    },
    clock,
    loadDemo: () => late.load!(),
    demoState: () => demo,
    storm: () => storm({ standin, driver: late.driver!, clock }, stormState),
    stormState: () => stormState,
    feed: () =>
      demo === "ready"
        ? feedHours({ baseUrl: `http://127.0.0.1:${bot.port}`, metricsToken, clock, timeZone: config.DEFAULT_TIMEZONE })
        : Promise.resolve(),
  } as Parameters<typeof sandboxRoutes>[0]);
  const bot = await boot(config, { clock, log, extraRoutes: routes });
  const url = `http://${o.host === "0.0.0.0" || o.host === "127.0.0.1" ? "localhost" : o.host}:${bot.port}`;
  const driver = new SlackDriver(standin, {
    eventsUrl: `http://127.0.0.1:${bot.port}/slack/events`,
    signingSecret: secret,
  });
  late.driver = driver;
  late.load = async () => {
    if (demo !== "none") return;
    demo = "loading";
    try {
      await loadDemo({
        standin,
        driver,
        clock,
        baseUrl: `http://127.0.0.1:${bot.port}`,
        reviewsToken,
        metricsToken,
        timeZone: config.DEFAULT_TIMEZONE,
      });
      demo = "ready";
      await feedHours({
        baseUrl: `http://127.0.0.1:${bot.port}`,
        metricsToken,
        clock,
        timeZone: config.DEFAULT_TIMEZONE,
      });
    } catch (e) {
      log.error({ err: e }, "sandbox demo data failed");
      demo = "none";
    }
    standin.ws.emit("change", { type: "demo" });
  };
  const fresh = (await bot.deps.db.campaign.count()) === 0 && (await bot.deps.db.complaintCase.count()) === 0;
  const demoReady = o.demo !== false && fresh ? late.load() : Promise.resolve();
  return {
    bot,
    standin,
    driver,
    clock,
    url,
    demoReady,
    async stop() {
      await bot.stop();
      if (saveTimer) clearTimeout(saveTimer);
      save();
      await standin.stop();
    },
  };
}

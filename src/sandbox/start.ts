// `npm run sandbox` (and `npm start` with no Slack settings, outside production): the real bot,
// unchanged, against a stand-in for Slack on loopback, with a page to act as the demo team and
// a clock that can jump ahead. Its database is its own (./data/sandbox.db by default).
import { feedHours, postReview } from "./hourly-feed.ts";
import { boot, type Bot } from "../boot.ts";
import { sandboxConfig } from "./sandbox-config.ts";
import { ShiftedClock } from "../infra/clock.ts";
import { createLogger, type Log } from "../infra/logger.ts";
import { loadDemo } from "./demo-data.ts";
import { openSlackSide } from "./slack-side.ts";
import { sandboxRoutes } from "./routes.ts";
import { storm, type StormState } from "./storm.ts";
import { SlackDriver } from "./standin/driver.ts";
import { SlackStandIn } from "./standin/standin.ts";

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
  const side = await openSlackSide(o.databaseUrl, clock);
  const { standin } = side;
  const { config, secret, reviewsToken, metricsToken } = sandboxConfig(o, standin.apiUrl);
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
    postReview: (r: { sku: string; rating: number; text: string }) =>
      postReview(`http://127.0.0.1:${bot.port}`, reviewsToken, clock, r),
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
      await side.stop();
    },
  };
}

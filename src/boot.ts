// Wiring: config → logger → database → Slack identity → outbox → scheduler → Slack app.
// main.ts calls it for real; the end-to-end tests call it with their own clock and settings.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Config } from "./config.ts";
import type { Deps } from "./deps.ts";
import { features as allFeatures } from "./features/index.ts";
import type { Feature } from "./feature.ts";
import { systemClock, type Clock } from "./infra/clock.ts";
import { openDatabase } from "./infra/db/db.ts";
import { onCommit } from "./infra/db/turns.ts";
import { flushSeen } from "./infra/db/seen.ts";
import { durationMs } from "./infra/duration.ts";
import { createLogger, type Log } from "./infra/logger.ts";
import { createMetrics } from "./infra/metrics.ts";
import { migrateDeploy } from "./infra/db/migrate.ts";
import { Scheduler } from "./scheduler/runner.ts";
import type { RunnerOptions } from "./scheduler/runner-options.ts";
import { createSlackApi, SlackCallError } from "./slack/api.ts";
import { createSlackRuntime } from "./slack/app.ts";
import { namesOf, slackPeople } from "./slack/user-context.ts";
import { slackBudgets } from "./slack/delivery/budget.ts";
import type { Health } from "./slack/ops-routes.ts";
import type { Route } from "./slack/front-door.ts";
import { createOutbox } from "./outbox/outbox.ts";
import { OutboxSender } from "./slack/sender.ts";
import { tellActorOfFailure } from "./slack/failure-notice.ts";
import { capabilityFollowUp } from "./slack/capability/follow-up.ts";

export class StartupError extends Error {}

export interface BootOptions {
  clock?: Clock;
  log?: Log;
  features?: readonly Feature[];
  /** Environment handed to the migration child process. */
  env?: NodeJS.ProcessEnv;
  /** Tests drive the scheduler by hand with runDue() instead of its own timers. */
  manualScheduler?: boolean;
  /** More HTTP routes on the bot's port (the sandbox's page). */
  extraRoutes?: Route[];
  /** Tests only: where the scheduler should "die" (see RunnerOptions.crashAt). */
  crashAt?: RunnerOptions["crashAt"];
}

export interface Bot {
  port: number;
  deps: Deps;
  scheduler: Scheduler<Deps>;
  sender: OutboxSender;
  stop(): Promise<void>;
}

export async function boot(config: Config, opts: BootOptions = {}): Promise<Bot> {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? createLogger(config.LOG_LEVEL);
  const features = opts.features ?? allFeatures;
  const applied = await migrateDeploy(config.DATABASE_URL);
  const { db, sql } = await openDatabase(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE });
  if (applied.length) log.info({ migrations: applied }, "database migrated");
  const slack = createSlackApi(config.SLACK_BOT_TOKEN, config.SLACK_API_URL);
  const health: Health = { slackAuth: "unverified" };
  const identity = await checkSlackAuth(slack, log, health);
  const metrics = createMetrics();

  // The outbox and the timers wake the sender and the runner, which need deps in turn.
  const late: { sender?: OutboxSender; scheduler?: Scheduler<Deps> } = {};
  const outbox = createOutbox(clock, () => late.sender?.kick());
  const deps = {
    config,
    db,
    sql,
    clock,
    log,
    metrics,
    outbox,
    slack,
    wakeScheduler: () => late.scheduler?.wake(),
  } as Deps;
  deps.people = slackPeople(deps);
  // Rows written in a feature's transaction are looked for once it has committed.
  onCommit(db, () => late.sender?.kick());
  const sender = (late.sender = newSender(deps));
  const scheduler = (late.scheduler = newScheduler(deps, opts.crashAt, () => sender.kick()));
  for (const f of features) {
    for (const j of f.jobs ?? []) scheduler.register(j);
    for (const r of f.recurring?.(deps) ?? []) scheduler.registerRecurring(r);
  }
  const runtime = createSlackRuntime(deps, identity, health, {
    register: (app) => {
      for (const f of features) f.register(app, deps, features);
    },
    routes: [...(opts.extraRoutes ?? []), ...featureRoutes(features, deps)],
  });
  const port = await runtime.start();
  sender.start();
  for (const f of features) await f.onStart?.(deps);
  if (opts.manualScheduler) await scheduler.ensureRecurring();
  else await scheduler.start();
  log.info({ port, mode: config.SLACK_APP_TOKEN ? "socket" : "http" }, "shopops started");

  let stopping: Promise<void> | undefined;
  return {
    port,
    deps,
    scheduler,
    sender,
    stop() {
      // Stop taking new work first, then let in-flight sends and jobs finish, then close the db.
      stopping ??= (async () => {
        await runtime.stop();
        await scheduler.stop();
        await sender.stop();
        await flushSeen(sql);
        await db.$disconnect();
        log.info("shopops stopped");
      })();
      return stopping;
    },
  };
}

function newSender(deps: Deps): OutboxSender {
  const { config, clock, log, metrics } = deps;
  return new OutboxSender(deps.sql, clock, deps.slack, log.child({ component: "outbox" }), {
    perChannelIntervalMs: durationMs(config.OUTBOX_CHANNEL_INTERVAL),
    delivery: {
      rollups: config.DELIVERY_ROLLUPS === "on",
      queueBudgetMs: durationMs(config.DELIVERY_QUEUE_BUDGET),
      groupWaitMs: durationMs(config.DELIVERY_GROUP_WAIT),
      groupIntervalMs: durationMs(config.DELIVERY_GROUP_INTERVAL),
      budgets: slackBudgets({
        postsPerMinute: config.SLACK_POSTS_PER_MINUTE,
        editsPerMinute: config.SLACK_EDITS_PER_MINUTE,
      }),
    },
    nameOf: (ids) => namesOf(deps, ids),
    onOutcome: (o) => metrics.outboxOutcomes.inc({ outcome: o }),
    onFailed: (row, reason) => tellActorOfFailure(deps, row, reason),
    capabilityFollowUp: capabilityFollowUp(deps),
  });
}

function newScheduler(deps: Deps, crashAt: BootOptions["crashAt"], afterCommit: () => void): Scheduler<Deps> {
  const { config, metrics } = deps;
  return new Scheduler<Deps>(deps.db, deps.sql, deps.clock, deps.log.child({ component: "scheduler" }), deps, {
    leaseMs: durationMs(config.TIMER_LEASE),
    crashAt,
    afterCommit,
    onRun: (_job, lateMs, outcome) => {
      metrics.timerLateness.observe(Math.max(0, lateMs) / 1000);
      metrics.timerRuns.inc({ outcome });
    },
  });
}

/** The features' HTTP routes (webhooks), each handed deps. */
function featureRoutes(features: readonly Feature[], deps: Deps) {
  return features
    .flatMap((f) => f.routes ?? [])
    .map((r) => ({
      method: r.method,
      path: r.path,
      handle: (req: IncomingMessage, res: ServerResponse) => r.handle(deps, req, res),
    }));
}

async function checkSlackAuth(slack: ReturnType<typeof createSlackApi>, log: Log, health: Health) {
  try {
    const r = await slack.call("auth.test", {});
    health.slackAuth = "ok";
    return { botId: r.bot_id as string | undefined, botUserId: r.user_id as string | undefined };
  } catch (e) {
    if (e instanceof SlackCallError && e.failure.type === "permanent") {
      throw new StartupError(
        `Slack rejected SLACK_BOT_TOKEN (${e.failure.reason}). Copy the Bot User OAuth Token (xoxb-…) from your app's OAuth & Permissions page.`,
      );
    }
    // Slack unreachable: start anyway; messages wait in the outbox until it answers.
    log.warn({ err: e }, "auth.test failed; starting without a verified Slack identity");
    return {};
  }
}

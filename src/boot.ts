// Wiring: config → logger → database → Slack identity → outbox → scheduler → Slack app.
// main.ts calls it for real; the end-to-end tests call it with their own clock and settings.
import type { Config } from "./config.ts";
import type { Deps } from "./deps.ts";
import { features as allFeatures } from "./features/index.ts";
import type { Feature } from "./features/feature.ts";
import { systemClock, type Clock } from "./infra/clock.ts";
import { onCommit, openDatabase } from "./infra/db.ts";
import { flushSeen } from "./infra/seen.ts";
import { durationMs } from "./infra/duration.ts";
import { createLogger, type Log } from "./infra/logger.ts";
import { createMetrics } from "./infra/metrics.ts";
import { migrateDeploy } from "./infra/migrate.ts";
import { Scheduler, type RunnerOptions } from "./scheduler/runner.ts";
import { createSlackApi, SlackCallError } from "./slack/api.ts";
import { createSlackRuntime } from "./slack/app.ts";
import { namesOf, slackPeople } from "./slack/user-context.ts";
import { slackBudgets } from "./slack/delivery/budget.ts";
import type { Health } from "./slack/ops-routes.ts";
import type { Route } from "./slack/front-door.ts";
import { createOutbox } from "./outbox/outbox.ts";
import { OutboxSender } from "./slack/sender.ts";
import { tellActorOfFailure } from "./slack/failure-notice.ts";

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

  let sender: OutboxSender | undefined;
  let scheduler: Scheduler<Deps> | undefined;
  const outbox = createOutbox(clock, () => sender?.kick());
  const deps = { config, db, sql, clock, log, metrics, outbox, slack, wakeScheduler: () => scheduler?.wake() } as Deps;
  deps.people = slackPeople(deps);
  // Rows written in a feature's transaction are looked for once it has committed.
  onCommit(db, () => sender?.kick());
  sender = new OutboxSender(sql, clock, slack, log.child({ component: "outbox" }), {
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
  });
  scheduler = new Scheduler<Deps>(db, sql, clock, log.child({ component: "scheduler" }), deps, {
    leaseMs: durationMs(config.TIMER_LEASE),
    crashAt: opts.crashAt,
    afterCommit: () => sender?.kick(),
    onRun: (_job, lateMs, outcome) => {
      metrics.timerLateness.observe(Math.max(0, lateMs) / 1000);
      metrics.timerRuns.inc({ outcome });
    },
  });
  for (const f of features) {
    for (const j of f.jobs ?? []) scheduler.register(j);
    for (const r of f.recurring?.(deps) ?? []) scheduler.registerRecurring(r);
  }
  const runtime = createSlackRuntime(deps, features, identity, health, opts.extraRoutes);
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
        await scheduler!.stop();
        await sender!.stop();
        await flushSeen(sql);
        await db.$disconnect();
        log.info("shopops stopped");
      })();
      return stopping;
    },
  };
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

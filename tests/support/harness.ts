// The real bot, booted as main.ts boots it, on 127.0.0.1 with a fake Slack and a fresh database.
import { Writable } from "node:stream";
import { boot, type Bot } from "../../src/boot.ts";
import { readConfig } from "../../src/config.ts";
import type { Clock } from "../../src/infra/clock.ts";
import { createLogger } from "../../src/infra/logger.ts";
import type { Feature } from "../../src/feature.ts";
import { freshDbUrl } from "./db.ts";
import { FakeSlack } from "./fake-slack.ts";
import { SIGNING_SECRET } from "./signed.ts";

export interface Harness {
  bot: Bot;
  fake: FakeSlack;
  baseUrl: string;
  dbUrl: string;
  logs: string[];
  /** Stops the bot (as SIGTERM would) and boots a new one on the same database. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  clock?: Clock;
  env?: Record<string, string>;
  dbUrl?: string;
  features?: readonly Feature[];
  manualScheduler?: boolean;
  fake?: FakeSlack;
}

export async function startHarness(o: HarnessOptions = {}): Promise<Harness> {
  const fake = o.fake ?? (await new FakeSlack().start());
  const dbUrl = o.dbUrl ?? (await freshDbUrl());
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const config = readConfig({
    SLACK_BOT_TOKEN: "xoxb-test-token-123",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    DATABASE_URL: dbUrl,
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "info",
    OUTBOX_CHANNEL_INTERVAL: "0ms",
    // The fake Slack counts nothing unless a test asks it to, and a frozen clock never reaches a
    // group wait: tests of bursts set these themselves.
    SLACK_POSTS_PER_MINUTE: "0",
    SLACK_EDITS_PER_MINUTE: "0",
    DELIVERY_GROUP_WAIT: "0ms",
    ...o.env,
  });
  const start = () =>
    boot(config, {
      clock: o.clock,
      log: createLogger(config.LOG_LEVEL, sink),
      features: o.features,
      manualScheduler: o.manualScheduler ?? Boolean(o.clock),
      env: { PATH: process.env.PATH },
    });
  let bot = await start();
  const h: Harness = {
    bot,
    fake,
    dbUrl,
    logs,
    get baseUrl() {
      return `http://127.0.0.1:${h.bot.port}`;
    },
    async restart() {
      await h.bot.stop();
      bot = await start();
      h.bot = bot;
    },
    async stop() {
      await h.bot.stop();
      if (!o.fake) await fake.stop();
    },
  };
  return h;
}

/**
 * Waits until `check` returns a truthy value (polling real time), or fails after `ms` (generous:
 * CI is a busy 2-core machine running both databases at once).
 */
export async function until<T>(check: () => T | Promise<T>, ms = 15_000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Waits until every queued message has gone out: nothing pending or being sent in the outbox. */
export const settle = (h: Harness) =>
  until(
    async () => (await h.bot.deps.db.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } })) === 0,
  );

/** Moves the injected clock to `at`, runs every timer that fell due, and waits for their messages. */
export async function runAt(h: Harness, clock: { set(at: string): void }, at: string): Promise<void> {
  clock.set(at);
  await h.bot.scheduler.runDue();
  await settle(h);
}

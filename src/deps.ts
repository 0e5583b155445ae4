import type { Config } from "./config.ts";
import type { DbClient } from "./infra/db/db.ts";
import type { Clock } from "./infra/clock.ts";
import type { ArrivingFile } from "./infra/growing-file.ts";
import type { Log } from "./infra/logger.ts";
import type { Metrics } from "./infra/metrics.ts";
import type { Outbox } from "./outbox/outbox.ts";
import type { Sql } from "./infra/db/sql.ts";
import type { People } from "./people/people.ts";

export type SlackResult = Record<string, unknown> & { ok: boolean };

/**
 * Slack's Web API as services see it (src/slack/api.ts implements it): calls whose answer a
 * service needs at once (views.open, users.info), file downloads and uploads, response_urls.
 * Everything a service sends goes through the outbox instead.
 */
export interface SlackApi {
  call(method: string, args: Record<string, unknown>): Promise<SlackResult>;
  /** GET a file a user shared (url_private_download), with the bot token (files:read). */
  download(url: string, maxBytes: number): Promise<Buffer>;
  /** The same, returned as it starts when the size is declared: the file fills while a thread reads it. */
  downloadGrowing(url: string, maxBytes: number): Promise<Buffer | ArrivingFile>;
  /** POST file bytes to an upload URL from files.getUploadURLExternal. */
  upload(url: string, bytes: Buffer): Promise<void>;
  /** POST to a response_url (slash commands, interactions). */
  respond(url: string, body: Record<string, unknown>): Promise<void>;
}

/** Everything a service or job needs, handed in rather than imported, so tests pass their own. */
export interface Deps {
  config: Config;
  db: DbClient;
  /** Plain SQL on the same database, for hot paths (batches of timers, messages, metric rows). */
  sql: Sql;
  clock: Clock;
  log: Log;
  metrics: Metrics;
  /** Durable outgoing messages. */
  outbox: Outbox;
  /** Direct Web API calls that are reads or need an immediate answer (views.open, users.info). */
  slack: SlackApi;
  /** Who someone is: language, time zone, admin (answered from Slack's users.info). */
  people: People;
  /** Call after writing a timer that may be due sooner than the runner planned to wake. */
  wakeScheduler: () => void;
}

import type { Config } from "./config.ts";
import type { DbClient } from "./infra/db.ts";
import type { Clock } from "./infra/clock.ts";
import type { Log } from "./infra/logger.ts";
import type { Metrics } from "./infra/metrics.ts";
import type { Outbox } from "./outbox/outbox.ts";
import type { SlackApi } from "./slack/api.ts";
import type { Sql } from "./infra/sql.ts";
import type { People } from "./people/people.ts";

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

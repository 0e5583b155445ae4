// PostgreSQL plans the outbox's lookups from statistics that autovacuum gathers when a tenth of
// the table has changed. Before a burst the outbox is mostly sent messages and "pending" is rare;
// a burst of 50,000 messages on a table of a million is not enough to refresh that, and with
// "pending is rare" the planner picks indexes that read a lane's whole queue per lookup (see
// tests/postgres/outbox-backlog.test.ts). So the sender looks at its backlog every few seconds
// and, when it has grown fourfold since the statistics were last taken (and is past a thousand),
// gathers them again: one ANALYZE of a sample, a few hundred milliseconds on a pool connection.
import type { Clock } from "../../infra/clock.ts";
import type { Log } from "../../infra/logger.ts";
import { toNum, type Sql } from "../../infra/db/sql.ts";

const CHECK_EVERY_MS = 5_000;
const FLOOR = 1_000;
const GROWTH = 4;

export class BacklogStats {
  private checkedAt = -Infinity;
  /** The backlog when the statistics were last gathered (as far as this process knows). */
  private analyzedAt = 0;

  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
    private readonly log: Log,
  ) {}

  async check(): Promise<void> {
    if (this.sql.dialect !== "postgres") return;
    const now = this.clock.now().getTime();
    if (now - this.checkedAt < CHECK_EVERY_MS) return;
    this.checkedAt = now;
    const row = await this.sql.get<{ n: unknown }>(`SELECT COALESCE(SUM("pending"), 0) AS "n" FROM "OutboxLane"`);
    const backlog = toNum(row?.n ?? 0);
    if (backlog < FLOOR || backlog < GROWTH * this.analyzedAt) {
      // A drained backlog lowers the mark: the next burst is measured from where it starts.
      if (backlog * GROWTH < this.analyzedAt) this.analyzedAt = backlog;
      return;
    }
    await this.sql.run(`ANALYZE "OutboxMessage"`);
    this.analyzedAt = backlog;
    this.log.info({ backlog }, "outbox backlog grew: its statistics gathered again");
  }
}

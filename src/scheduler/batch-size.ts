// How many timers one batch claims. A batch should be as large as it can be without making a
// Slack request wait behind it: few statements per timer drain a backlog fast, and an ack is due
// within milliseconds.
//
// On SQLite a batch runs synchronously (better-sqlite3), so its CPU time is how long it holds the
// event loop: the batch is sized so that it takes about `sliceMs` of CPU.
//
// On PostgreSQL a batch is mostly waiting for the server, its JavaScript runs in short pieces
// between statements, and the process's CPU time during a batch is mostly the outbox sender's,
// working meanwhile. Sized by CPU time, batches shrank to 4 timers and a backlog drained at about
// 150 escalations a second. What a waiting ack feels is the event loop's delay, so that is what
// is measured: the batch grows while the loop's longest delay stays under `blockMs`, and halves
// when it does not.
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import type { Dialect } from "../infra/db/sql.ts";

const MIN = 4;
const MAX = 500;

export class BatchSizer {
  size: number;
  private cpu0 = process.cpuUsage();
  private readonly delay: IntervalHistogram | null;

  constructor(
    dialect: Dialect,
    private readonly o: { fixed?: number; sliceMs: number; blockMs?: number },
  ) {
    this.size = o.fixed ?? (dialect === "postgres" ? 50 : 32);
    this.delay = o.fixed === undefined && dialect === "postgres" ? monitorEventLoopDelay({ resolution: 5 }) : null;
    this.delay?.enable();
  }

  begin(): void {
    this.cpu0 = process.cpuUsage();
    this.delay?.reset();
  }

  /** After a batch of `n` timers: the next batch's size. */
  end(n: number): void {
    if (this.o.fixed !== undefined || n < this.size) return;
    if (this.delay) {
      const blockedMs = this.delay.max / 1e6;
      const limit = this.o.blockMs ?? 20;
      this.size = blockedMs > limit ? Math.max(MIN, Math.floor(n / 2)) : Math.min(MAX, Math.ceil(n * 1.5));
      return;
    }
    const cpu = process.cpuUsage(this.cpu0);
    const perJob = (cpu.user + cpu.system) / 1000 / n;
    this.size = Math.max(MIN, Math.min(MAX, Math.floor(this.o.sliceMs / Math.max(perJob, 0.001))));
  }

  stop(): void {
    this.delay?.disable();
  }
}

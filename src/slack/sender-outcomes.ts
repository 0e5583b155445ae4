// The group commit of send outcomes. Outcomes that finish while a write is under way are written
// together in the next transaction: sixteen sends finishing together cost one transaction, not
// sixteen.
import type { Sql } from "../infra/db/sql.ts";
import type { OutboxRow } from "./outbox-row.ts";
import { writeOutcome, type Result } from "./sender-outcome.ts";

interface Pending {
  row: OutboxRow;
  method: string;
  r: Result;
  resolve: (done: boolean) => void;
  reject: (e: unknown) => void;
}

export class OutcomeWriter {
  private pending: Pending[] = [];
  private writing: Promise<void> | undefined;

  constructor(
    private readonly sql: Sql,
    private readonly me: () => { token: string; now: Date; paceMs: number },
  ) {}

  /** Resolves true once written, false when the claim had expired and another sender owns the row. */
  write(row: OutboxRow, method: string, r: Result): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.pending.push({ row, method, r, resolve, reject });
      if (!this.writing) this.writing = this.flush();
    });
  }

  private async flush(): Promise<void> {
    await new Promise<void>((r) => setImmediate(r));
    while (this.pending.length) {
      // In lane order, as every transaction touching lanes does: two can't deadlock on them.
      const batch = this.pending
        .splice(0)
        .sort((a, b) => (a.row.lane < b.row.lane ? -1 : a.row.lane > b.row.lane ? 1 : 0));
      try {
        const done = await this.sql.tx(async (q) => {
          const out: boolean[] = [];
          for (const o of batch) out.push(await writeOutcome(q, this.me(), o.row, o.method, o.r));
          return out;
        });
        batch.forEach((o, i) => o.resolve(done[i]!));
      } catch (e) {
        // Nothing of the batch was written: each message stays claimed and is retried after its lease.
        for (const o of batch) o.reject(e);
      }
    }
    this.writing = undefined;
  }
}

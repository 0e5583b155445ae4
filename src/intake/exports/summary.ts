// What a read of an export found, for the preview and the result: the rows, the dates they
// cover, three rows as the bot read them, the rows left out and why, and the problems.
import type { ProblemCode, RowRead, Value } from "./rows.ts";

export interface RowProblem {
  row: number;
  column: string;
  /** In English, for the CLI and the log. */
  message: string;
  /** A cell the reader couldn't read: what it should have been, and what it held. */
  code?: ProblemCode;
  raw?: string;
}

/** A summary as it crosses between threads. */
export interface SummaryData {
  rows: number;
  first?: string;
  last?: string;
  samples: { row: number; fields: Record<string, Value> }[];
  skipped: Map<string, number[]>;
  problems: RowProblem[];
  problemRows: number;
}

const SAMPLES = 3;
const PROBLEMS_KEPT = 20;

export class ExportSummary {
  rows = 0;
  first?: string;
  last?: string;
  readonly samples: { row: number; fields: Record<string, Value> }[] = [];
  /** Reason → the rows left out for it. */
  readonly skipped = new Map<string, number[]>();
  readonly problems: RowProblem[] = [];
  problemRows = 0;

  constructor(private local: (ms: number) => { date: string; hour: number }) {}

  /** A summary read on another thread (data()), whole again. */
  static of(d: SummaryData, local: (ms: number) => { date: string; hour: number }): ExportSummary {
    const s = new ExportSummary(local);
    Object.assign(s, { rows: d.rows, first: d.first, last: d.last, problemRows: d.problemRows });
    s.samples.push(...d.samples);
    s.problems.push(...d.problems);
    for (const [reason, rows] of d.skipped) s.skipped.set(reason, rows);
    return s;
  }

  data(): SummaryData {
    const { rows, first, last, samples, skipped, problems, problemRows } = this;
    return { rows, first, last, samples, skipped, problems, problemRows };
  }

  /** A row as read (before the feature's own checks). */
  note(r: RowRead): void {
    if (r.kind === "skip") {
      let rows = this.skipped.get(r.reason);
      if (!rows) this.skipped.set(r.reason, (rows = []));
      rows.push(r.row);
    } else if (r.kind === "problem") this.problem(r);
  }

  problem(p: RowProblem): void {
    this.problemRows++;
    if (this.problems.length < PROBLEMS_KEPT) this.problems.push(p);
  }

  /** A row the feature accepted. */
  accept(row: number, fields: Record<string, Value>): void {
    this.rows++;
    if (this.samples.length < SAMPLES) this.samples.push({ row, fields });
    const date = this.dateOf(fields);
    if (date && (!this.first || date < this.first)) this.first = date;
    if (date && (!this.last || date > this.last)) this.last = date;
  }

  get skippedRows(): number {
    let n = 0;
    for (const rows of this.skipped.values()) n += rows.length;
    return n;
  }

  private dateOf(f: Record<string, Value>): string | undefined {
    if (typeof f.date === "string") return f.date;
    const at = f.paid_at ?? f.created_at ?? f.time;
    return typeof at === "number" ? this.local(at).date : undefined;
  }
}

/** "line 5, 9, 12 and 3 more" */
export function rowList(rows: number[], max = 5): string {
  const shown = rows.slice(0, max).join(", ");
  return rows.length > max ? `${shown} … (+${rows.length - max})` : shown;
}

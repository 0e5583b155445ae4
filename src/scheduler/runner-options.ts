// What the runner can be told: its lease, its batches, and (tests only) where to crash.
import type { TimerJob } from "./types.ts";

/** Where a test may make the runner "die" (throw SimulatedCrash) to prove nothing is lost or doubled. */
export type CrashPoint = "claimed" | "ran" | "committing" | "committed";
export class SimulatedCrash extends Error {}

export interface RunnerOptions {
  leaseMs?: number;
  /** Longest sleep between passes, so timers written by another replica are seen. */
  maxSleepMs?: number;
  /** Timers claimed per statement; by default it adapts (batch-size.ts). */
  batchSize?: number;
  /** On SQLite, how long one batch may hold the event loop (and the single connection), roughly. */
  sliceMs?: number;
  onRun?: (job: TimerJob, latenessMs: number, outcome: "done" | "retry" | "failed") => void;
  /** After a job's writes committed: wakes the outbox for the messages they queued. */
  afterCommit?: () => void;
  /** Tests only: called at each step boundary of a batch. */
  crashAt?: (point: CrashPoint, jobs: TimerJob[]) => void;
}

// The loop the timer runner and the outbox sender share: a pass runs when woken (a feature wrote
// a row) or when the next due row's time comes by the injected clock, never two passes at once;
// a wake during a pass runs one more pass after it. Passes run outside any caller's transaction
// and request (they are background work), after yielding so the write and the HTTP answer that
// woke them go first.
import type { Clock } from "./clock.ts";
import { outsideTransaction } from "./db/turns.ts";
import type { Log } from "./logger.ts";
import { asBackground } from "./request-context.ts";

export const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

export interface WakeLoopOptions {
  name: string;
  clock: Clock;
  log: Log;
  /** One pass over what is due. */
  pass: () => Promise<unknown>;
  /** When the next pass is due (epoch ms), or null to wait for a wake (work in flight will wake). */
  nextAt: () => Promise<number | null>;
  /** Longest sleep between passes: another replica may have written something. */
  maxSleepMs: number;
  /** An error that must stop the loop (a simulated crash in tests); others are logged. */
  fatal?: (e: unknown) => boolean;
}

export class WakeLoop {
  private cancelWake: (() => void) | undefined;
  private passing: Promise<void> | undefined;
  private again = false;
  private stopped = true;

  constructor(private readonly o: WakeLoopOptions) {}

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Whether a wake came during the pass now running (a caller draining by hand checks it). */
  takeAgain(): boolean {
    const a = this.again;
    this.again = false;
    return a;
  }

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Stops waking; resolves once the pass running now has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelWake?.();
    await this.passing;
  }

  /** Runs a pass now, or right after the one running. */
  wake(): void {
    if (this.stopped) return;
    if (this.passing) {
      this.again = true;
      return;
    }
    this.passing = asBackground(() => outsideTransaction(() => this.loop()));
  }

  private async loop(): Promise<void> {
    await yieldToLoop();
    do {
      this.again = false;
      try {
        await this.o.pass();
      } catch (e) {
        if (this.o.fatal?.(e)) {
          this.stopped = true;
          break;
        }
        this.o.log.error({ err: e }, `${this.o.name} pass failed`);
      }
    } while (this.again && !this.stopped);
    this.passing = undefined;
    if (!this.stopped)
      await this.plan().catch((e) => this.o.log.error({ err: e }, `${this.o.name} could not plan its wake`));
  }

  /** Sleeps until the next due row (by the injected clock), or maxSleepMs at most. */
  private async plan(): Promise<void> {
    this.cancelWake?.();
    const next = await this.o.nextAt();
    if (next === null || this.stopped) return;
    const at = Math.min(next, this.o.clock.now().getTime() + this.o.maxSleepMs);
    this.cancelWake = this.o.clock.wakeAt(at, () => this.wake());
  }
}

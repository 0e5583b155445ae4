// The one place that reads the wall clock. Everything else takes a Clock so tests (and the
// sandbox) can move time. A Clock also wakes its users at a time *of that clock*: the scheduler
// and the outbox sleep until their next due row with wakeAt, so moving a test's clock forward
// runs what fell due, in order, without anyone sleeping in real time.
export interface Clock {
  now(): Date;
  /** Calls `fn` once this clock reads `atMs` or later. Returns a cancel function. */
  wakeAt(atMs: number, fn: () => void): () => void;
}

// setTimeout takes at most 2^31-1 ms; longer sleeps are done in steps.
const MAX_TIMEOUT = 2 ** 31 - 1;

function realWake(now: () => number, atMs: number, fn: () => void): () => void {
  let handle: NodeJS.Timeout | undefined;
  let cancelled = false;
  const arm = () => {
    if (cancelled) return;
    const wait = atMs - now();
    if (wait <= 0) return void setImmediate(() => !cancelled && fn());
    handle = setTimeout(arm, Math.min(wait, MAX_TIMEOUT));
    handle.unref?.();
  };
  arm();
  return () => {
    cancelled = true;
    if (handle) clearTimeout(handle);
  };
}

export const systemClock: Clock = {
  now: () => new Date(),
  wakeAt: (atMs, fn) => realWake(() => Date.now(), atMs, fn),
};

interface Waiter {
  at: number;
  fn: () => void;
  seq: number;
}

/** A clock tests move by hand. It never advances by itself; moving it wakes what fell due. */
export class FixedClock implements Clock {
  private t: number;
  private waiters: Waiter[] = [];
  private seq = 0;
  constructor(start: Date | string) {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(at: Date | string): void {
    this.t = new Date(at).getTime();
    this.fire();
  }
  advance(ms: number): void {
    this.t += ms;
    this.fire();
  }
  wakeAt(atMs: number, fn: () => void): () => void {
    const w: Waiter = { at: atMs, fn, seq: this.seq++ };
    if (atMs <= this.t) {
      setImmediate(fn);
      return () => {};
    }
    this.waiters.push(w);
    return () => {
      this.waiters = this.waiters.filter((x) => x !== w);
    };
  }
  /** Wakes every waiter whose time has come, earliest first. */
  private fire(): void {
    const due = this.waiters.filter((w) => w.at <= this.t).sort((a, b) => a.at - b.at || a.seq - b.seq);
    this.waiters = this.waiters.filter((w) => w.at > this.t);
    for (const w of due) setImmediate(w.fn);
  }
}

/**
 * Real time shifted by an offset that can grow: the sandbox's clock, which a person moves
 * forward ("+2 h") to see a complaint escalate without waiting two hours.
 */
export class ShiftedClock implements Clock {
  private offset = 0;
  private listeners = new Set<() => void>();
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  /** Moves the clock by `ms` (forward, or back to real time with reset()). */
  shift(ms: number): void {
    this.offset += ms;
    for (const l of this.listeners) l();
  }
  reset(): void {
    this.shift(-this.offset);
  }
  get offsetMs(): number {
    return this.offset;
  }
  wakeAt(atMs: number, fn: () => void): () => void {
    let cancel = () => {};
    const arm = () => {
      cancel();
      cancel = realWake(
        () => Date.now() + this.offset,
        atMs,
        () => {
          this.listeners.delete(arm);
          fn();
        },
      );
    };
    this.listeners.add(arm);
    arm();
    return () => {
      cancel();
      this.listeners.delete(arm);
    };
  }
}

/** Milliseconds since an arbitrary origin, for measuring latency; not a time of day. */
export function monotonicMs(): number {
  return performance.now();
}

/**
 * The real time of day, for protocol checks that are about real seconds whatever the injected
 * clock says: Slack's 5-minute signature window, for one.
 */
export function realNowMs(): number {
  return Date.now();
}

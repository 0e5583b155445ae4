// The one place that reads the wall clock. Everything else takes a Clock so tests can move time.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests move by hand; never advances by itself. */
export class FixedClock implements Clock {
  private t: number;
  constructor(start: Date | string) {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(at: Date | string): void {
    this.t = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.t += ms;
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

// Slack's limits that matter to a bot, enforced the way Slack enforces them: a trigger_id opens
// one modal within 3 seconds; a response_url takes 5 posts within 30 minutes; chat.postMessage
// allows about one message a second per channel, with short bursts, and answers 429 with
// Retry-After beyond that.

import { wallClock } from "./wall-clock.ts";

export const TRIGGER_TTL_MS = 3000;
export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60_000;

let triggerSeq = 0;

/** A trigger id in Slack's shape, carrying when it was issued (real time: it's about latency). */
export function issueTrigger(nowMs = wallClock()): string {
  return `${nowMs}.${++triggerSeq}.${Math.random().toString(16).slice(2, 14).padEnd(12, "0")}`;
}

export class Triggers {
  private used = new Set<string>();
  /** Tests on a loaded machine may allow longer; Slack's own is 3 s. */
  constructor(private ttlMs = TRIGGER_TTL_MS) {}
  /** undefined when the trigger may open a view now; otherwise Slack's error. */
  check(id: unknown, nowMs = wallClock()): string | undefined {
    if (typeof id !== "string") return "invalid_trigger_id";
    const issued = Number(id.split(".")[0]);
    if (!Number.isFinite(issued) || issued < 1e12) return "invalid_trigger_id";
    if (this.used.has(id)) return "trigger_exchanged";
    if (nowMs - issued > this.ttlMs) return "expired_trigger_id";
    this.used.add(id);
    return undefined;
  }
}

export class ResponseUrls {
  private uses = new Map<string, { first: number; n: number }>();
  /** undefined when this post may go through; otherwise the 404 body Slack sends. */
  use(id: string, nowMs: number): string | undefined {
    const u = this.uses.get(id) ?? { first: nowMs, n: 0 };
    if (nowMs - u.first > RESPONSE_URL_TTL_MS) return "expired_url";
    if (u.n >= RESPONSE_URL_USES) return "used_url";
    u.n++;
    this.uses.set(id, u);
    return undefined;
  }
}

/** A token bucket per channel: `burst` messages at once, then one per second. */
export class ChannelRate {
  private buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private burst: number,
    private perSecond = 1,
  ) {}
  /** 0 when a message may be posted now; otherwise the seconds Retry-After should say. */
  take(channel: string, nowMs: number): number {
    const b = this.buckets.get(channel) ?? { tokens: this.burst, at: nowMs };
    b.tokens = Math.min(this.burst, b.tokens + ((nowMs - b.at) / 1000) * this.perSecond);
    b.at = nowMs;
    this.buckets.set(channel, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond));
  }
}

/**
 * Slack's per-workspace limit of one API method (chat.update is Tier 3: about 50 a minute;
 * chat.postMessage has a workspace-wide cap on top of its per-channel pace), as a token bucket
 * of a sixth of a minute's calls that refills steadily.
 */
export class MethodRate {
  private tokens: number;
  private at: number | undefined;
  readonly burst: number;
  constructor(readonly perMinute: number) {
    this.burst = Math.max(1, Math.floor(perMinute / 5));
    this.tokens = this.burst;
  }
  /** 0 when the call may go now; otherwise the seconds Retry-After should say. */
  take(nowMs: number): number {
    if (this.at !== undefined && nowMs > this.at) {
      this.tokens = Math.min(this.burst, this.tokens + ((nowMs - this.at) * this.perMinute) / 60_000);
    }
    this.at = Math.max(this.at ?? nowMs, nowMs);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil(((1 - this.tokens) * 60) / this.perMinute));
  }
}

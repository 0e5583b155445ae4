// How the sender paces and groups what it sends (the DELIVERY_* settings), in one shape.
import type { Budgets } from "./budget.ts";

export interface DeliverySettings {
  /** Fold news into roll-ups (DELIVERY_ROLLUPS); off: every message on its own, as before. */
  rollups: boolean;
  /** Least time between two messages to one channel (Slack allows about one a second). */
  paceMs: number;
  /**
   * How long a channel's queue may get before news of one kind there is folded into a roll-up:
   * past this, the next message would be shown too late to be worth its own post.
   */
  queueBudgetMs: number;
  /** How long a lone piece of news for a person's DM waits for the rest of its wave (two or more fold at once). */
  groupWaitMs: number;
  /**
   * A roll-up stays open this long after its last item; its message is edited at most once per
   * interval; a person or user group is @-mentioned at most once per interval in a channel.
   */
  groupIntervalMs: number;
  budgets: Budgets;
}

/** Items a roll-up's own message lists (the most urgent first); the rest go to its thread. */
export const PARENT_ITEMS = 10;
/**
 * Items a person's DM roll-up lists: their whole morning at a glance (a planner's 09:00 is often
 * a dozen items), and one post instead of two when Slack's posts for the workspace run short.
 */
export const DM_PARENT_ITEMS = 20;
/**
 * Items one page in a roll-up's thread lists: at Slack's one post a second per channel, a
 * channel's roll-up then shows up to 400 new items a second (a storm of 10,000 in a minute is
 * 170 a second).
 */
export const PAGE_ITEMS = 400;

/**
 * A person's DM roll-up posts at most every half group interval (30 s by default): hundreds of
 * people in one wave share the workspace's cap on posts (about 600 a minute), so each gets a DM
 * (with, right behind it, the page of what it had no room for), then a page of what came since
 * about twice a minute, never a DM a second.
 */
export const dmRollupPaceMs = (s: Pick<DeliverySettings, "groupIntervalMs" | "paceMs">) =>
  Math.max(s.paceMs, Math.floor(s.groupIntervalMs / 2));
/** A roll-up's message is edited at most this often while its wave lasts (and once at its end). */
export const EDIT_EVERY_MS = 15_000;

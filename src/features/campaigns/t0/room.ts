// A war room's settings as the rest of T0 reads them: its tick's kind, how often it is redrawn,
// the day plan and thresholds a promotion carries, the store it watches and the day it is about.
import type { Deps } from "../../../deps.ts";
import { storedOr } from "../../../infra/db/stored.ts";
import { todayIn } from "../../../infra/time.ts";
import type { Campaign, WarRoom } from "../../../generated/prisma/client.ts";
import { TargetsShape } from "../rules.ts";
import { DEFAULT_THRESHOLDS } from "./plan.ts";

export const JOB_T0_TICK = "promo.t0.tick";
export const DEFAULT_INTERVAL_MS = 10 * 60_000;
export const MIN_INTERVAL_MS = 60_000;

export const dayPlanOf = (c: Campaign) => storedOr(TargetsShape, c.targets, {}).gmv ?? 0;
export const thresholdsOf = (c: Campaign) => storedOr(TargetsShape, c.targets, {}).t0Rules ?? DEFAULT_THRESHOLDS;
/** How often a room is redrawn: its interval, never faster than once a minute. */
export const everyMs = (room: Pick<WarRoom, "intervalMs">) => Math.max(MIN_INTERVAL_MS, room.intervalMs);

/** The store to watch when nobody said: the one whose metrics arrived last. */
export async function defaultStore(deps: Deps): Promise<string | undefined> {
  return (
    await deps.sql.get<{ store: string }>(`SELECT "store" FROM "MetricRow" ORDER BY "date" DESC, "hour" DESC LIMIT 1`)
  )?.store;
}

/** The day a room is about right now, or undefined when it isn't live. */
export function liveDay(room: WarRoom, c: Campaign, now: Date): string | undefined {
  if (room.mode === "off" || c.status !== "active") return undefined;
  const today = todayIn(now, c.timeZone);
  if (room.mode === "on") return today;
  return today === c.eventDate ? today : undefined;
}

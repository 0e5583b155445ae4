// Snooze on a reminder: the same reminder again in 24 hours, as a timer of its own (the original
// has run once). Only RACI's own timers can be snoozed from their buttons.
import type { Deps } from "../../deps.ts";
import { scheduleTimer } from "../../scheduler/timers.ts";

const DAY = 24 * 3600_000;

/** The time the reminder comes back, or undefined when the key is not a RACI reminder. */
export async function snoozeReminder(deps: Deps, key: string): Promise<Date | undefined> {
  const timer = key.startsWith("raci:") ? await deps.db.timer.findUnique({ where: { key } }) : null;
  if (!timer) return undefined;
  const until = new Date(deps.clock.now().getTime() + DAY);
  await scheduleTimer(deps.db, deps.clock, { kind: timer.kind, key: `${key.split(":snooze:")[0]}:snooze:${until.toISOString()}`, dueAt: until, payload: JSON.parse(timer.payload) });
  deps.wakeScheduler();
  return until;
}

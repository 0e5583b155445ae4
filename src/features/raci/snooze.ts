// Snooze on a RACI reminder: the same reminder again in 24 hours (scheduler/timers.ts snoozeTimer,
// shared with the promotion reminders). Only RACI's own timers can be snoozed from its buttons.
import type { Deps } from "../../deps.ts";
import { snoozeTimer } from "../../scheduler/timers.ts";

/** The time the reminder comes back, or undefined when the key is not a RACI reminder. */
export const snoozeReminder = (deps: Deps, key: string): Promise<Date | undefined> =>
  snoozeTimer(deps, key, "raci:", 24 * 3600_000);

// Reminder and stage timers of a promotion, and the checklist message that mirrors its items.
// Timer keys carry the campaign's gen: moving the date or cancelling bumps it, and older timers
// are cancelled and, should one slip through, find a different gen and do nothing.
import type { Clock } from "../../infra/clock.ts";
import type { Db } from "../../infra/db/db.ts";
import { scheduleTimer, type NewTimer } from "../../scheduler/timers.ts";
import type { Campaign, CampaignItem } from "../../generated/prisma/client.ts";
import { localTime, shiftDate } from "../../infra/time.ts";
import { GRACE_DAYS, REMINDER_TIME, STAGES } from "./rules.ts";

export const JOB_REMIND = "promo.remind";
export const JOB_STAGE = "promo.stage";
export const JOB_GATE = "promo.gate";
export const prefix = (campaignId: string) => `promo:${campaignId}:`;
const MAX_OVERDUE_NUDGES = 14;

export type ReminderKind = "before" | "due" | "overdue";
export interface RemindPayload {
  campaignId: string;
  gen: number;
  itemId: string;
  kind: ReminderKind;
  /** Days overdue, for kind=overdue. */
  day?: number;
}

async function plan(db: Db, clock: Clock, key: string, kind: string, dueAt: Date, payload: object) {
  if (dueAt.getTime() <= clock.now().getTime()) return;
  await scheduleTimer(db, clock, { kind, key, dueAt, payload });
}

export function itemKey(c: Pick<Campaign, "id" | "gen">, item: Pick<CampaignItem, "id" | "ownerId">, what: string) {
  // The owner is part of the key: reassigning plans the new owner's reminders afresh.
  return `${prefix(c.id)}g${c.gen}:item:${item.id}:${item.ownerId}:${what}`;
}

/** The day-before and due-day reminders at 09:00 in the owner's zone, then the first overdue nudge. */
export async function planItemReminders(db: Db, clock: Clock, c: Campaign, item: CampaignItem, ownerTz: string) {
  if (item.status !== "open") return;
  const base = { campaignId: c.id, gen: c.gen, itemId: item.id };
  await plan(
    db,
    clock,
    itemKey(c, item, "before"),
    JOB_REMIND,
    localTime(shiftDate(item.dueDate, -1), REMINDER_TIME, ownerTz),
    { ...base, kind: "before" },
  );
  await plan(db, clock, itemKey(c, item, "due"), JOB_REMIND, localTime(item.dueDate, REMINDER_TIME, ownerTz), {
    ...base,
    kind: "due",
  });
  await planOverdue(db, clock, c, item, ownerTz, 1);
}

/** The overdue nudge of `day` as a timer; none past the last nudge or once its time has gone. */
export function overdueTimer(clock: Clock, c: Campaign, item: CampaignItem, ownerTz: string, day: number) {
  if (day > MAX_OVERDUE_NUDGES) return undefined;
  const dueAt = localTime(shiftDate(item.dueDate, day), REMINDER_TIME, ownerTz);
  if (dueAt.getTime() <= clock.now().getTime()) return undefined;
  const payload: RemindPayload = { campaignId: c.id, gen: c.gen, itemId: item.id, kind: "overdue", day };
  return { kind: JOB_REMIND, key: itemKey(c, item, `overdue:${day}`), dueAt, payload } satisfies NewTimer;
}

export async function planOverdue(db: Db, clock: Clock, c: Campaign, item: CampaignItem, ownerTz: string, day: number) {
  const timer = overdueTimer(clock, c, item, ownerTz, day);
  if (timer) await scheduleTimer(db, clock, timer);
}

export const raisesToOwner = (day: number) => day >= GRACE_DAYS;

/** Stage openings (09:00 team time on each stage's day) and the T-3 go/no-go check. */
export async function planCampaignTimers(
  db: Db,
  clock: Clock,
  c: Campaign,
  items: CampaignItem[],
  tzOf: (userId: string) => string,
) {
  for (const stage of STAGES) {
    const first = items.find((i) => i.stage === stage);
    if (!first) continue;
    await plan(
      db,
      clock,
      `${prefix(c.id)}g${c.gen}:stage:${stage}`,
      JOB_STAGE,
      localTime(first.dueDate, REMINDER_TIME, c.timeZone),
      { campaignId: c.id, gen: c.gen, stage },
    );
  }
  await plan(
    db,
    clock,
    `${prefix(c.id)}g${c.gen}:gate`,
    JOB_GATE,
    localTime(shiftDate(c.eventDate, -3), REMINDER_TIME, c.timeZone),
    { campaignId: c.id, gen: c.gen },
  );
  for (const item of items) await planItemReminders(db, clock, c, item, tzOf(item.ownerId));
}

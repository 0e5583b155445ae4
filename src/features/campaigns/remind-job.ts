// Item reminders (day before, due day, overdue, and raised to the promotion's owner), run in
// batches: a 09:00 wave of a hundred promotions is read with a few queries, planned in memory and
// written with one enqueue and one timer insert, together with the timers' completion. Each
// message carries a dedupe key, so a rerun after a crash sends nothing twice.
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { stored } from "../../infra/db/stored.ts";
import { enqueueMany } from "../../outbox/outbox.ts";
import type { OutgoingMessage } from "../../outbox/message.ts";
import { userContext, type UserContext } from "../../people/people.ts";
import type { BatchEffect, JobKind, TimerJob } from "../../scheduler/types.ts";
import { scheduleTimers, type NewTimer } from "../../scheduler/timers.ts";
import type { Campaign, CampaignItem } from "../../generated/prisma/client.ts";
import { raisedMessage, reminderMessage, renderChecklist } from "./notify.ts";
import { textIn } from "./rules.ts";
import { JOB_REMIND, overdueTimer, raisesToOwner } from "./schedule.ts";

const RemindShape = z.object({
  campaignId: z.string(),
  gen: z.number().int(),
  itemId: z.string(),
  kind: z.enum(["before", "due", "overdue"]),
  day: z.number().int().optional(),
});
type Remind = z.infer<typeof RemindShape>;

/** What one timer writes. */
interface Plan {
  messages: OutgoingMessage[];
  timers: NewTimer[];
  /** The promotion whose checklist is redrawn (an item's first overdue morning). */
  redraw?: Campaign;
}

const TEXT_KEY = { before: "promo.remind.before", due: "promo.remind.due", overdue: "promo.remind.overdue" } as const;

function planOne(
  deps: Deps,
  job: TimerJob,
  p: Remind,
  c: Campaign,
  item: CampaignItem,
  people: Map<string, UserContext>,
): Plan {
  const owner = people.get(item.ownerId)!;
  const params = {
    due: item.dueDate,
    campaign: c.name,
    title: textIn(item.title, owner.locale),
    doneMeans: textIn(item.doneMeans, owner.locale),
    days: p.day ?? 0,
  };
  const text = owner.t(TEXT_KEY[p.kind], params);
  const overdue = p.kind === "overdue";
  const plan: Plan = {
    messages: [
      reminderMessage({ ownerId: item.ownerId, t: owner.t, text, itemId: item.id, timerKey: job.key, overdue }),
    ],
    timers: [],
  };
  if (!overdue || !p.day) return plan;
  if (raisesToOwner(p.day) && c.ownerId !== item.ownerId) {
    const boss = people.get(c.ownerId)!;
    const raised = boss.t("promo.remind.raised", {
      owner: item.ownerId,
      campaign: c.name,
      days: p.day,
      due: item.dueDate,
      title: textIn(item.title, boss.locale),
    });
    plan.messages.push(raisedMessage(c.ownerId, boss.t, raised, job.key));
  }
  const next = overdueTimer(deps.clock, c, item, owner.timeZone, p.day + 1);
  if (next) plan.timers.push(next);
  // Nothing else changes the checklist when a day passes: on an item's first overdue morning it is
  // redrawn, so its "overdue" count is today's (edits queued together collapse to one).
  if (p.day === 1) plan.redraw = c;
  return plan;
}

async function runBatch(deps: Deps, jobs: TimerJob[]): Promise<BatchEffect> {
  const payloads = new Map<string, Remind>();
  for (const j of jobs) {
    // One unreadable timer (an edited row) must not hold back the wave: it completes doing nothing.
    try {
      payloads.set(j.id, stored(RemindShape, j.payload, "promotion reminder"));
    } catch (e) {
      deps.log.warn({ key: j.key, err: e }, "promotion reminder skipped: unreadable payload");
    }
  }
  const ps = [...payloads.values()];
  const campaigns = new Map(
    (await deps.db.campaign.findMany({ where: { id: { in: [...new Set(ps.map((p) => p.campaignId))] } } })).map((c) => [
      c.id,
      c,
    ]),
  );
  const items = new Map(
    (await deps.db.campaignItem.findMany({ where: { id: { in: [...new Set(ps.map((p) => p.itemId))] } } })).map((i) => [
      i.id,
      i,
    ]),
  );
  const live = (p: Remind) => {
    const c = campaigns.get(p.campaignId);
    const item = items.get(p.itemId);
    return c && c.status === "active" && c.gen === p.gen && item && item.status === "open" ? { c, item } : undefined;
  };
  // Each person once, however many of their reminders the wave holds.
  const people = new Map<string, UserContext>();
  for (const p of ps) {
    const l = live(p);
    if (!l) continue;
    for (const id of [l.item.ownerId, ...(p.kind === "overdue" ? [l.c.ownerId] : [])])
      if (!people.has(id)) people.set(id, await userContext(deps, id));
  }
  const plans = new Map<string, Plan>();
  for (const j of jobs) {
    const p = payloads.get(j.id);
    const l = p && live(p);
    if (l) plans.set(j.id, planOne(deps, j, p, l.c, l.item, people));
  }
  // A checklist redrawn once per promotion, however many of its items turned overdue.
  const redraws = new Map<string, OutgoingMessage>();
  for (const plan of plans.values()) {
    const c = plan.redraw;
    if (c?.checklistMsgId && !redraws.has(c.id))
      redraws.set(c.id, { kind: "update", targetId: c.checklistMsgId, body: await renderChecklist(deps.db, deps, c) });
  }
  return async (q, owned) => {
    const mine = [...plans].filter(([id]) => owned.has(id)).map(([, plan]) => plan);
    const redrawn = new Set(mine.flatMap((m) => (m.redraw ? [m.redraw.id] : [])));
    await enqueueMany(q, deps.clock, [
      ...mine.flatMap((m) => m.messages),
      ...[...redraws].filter(([id]) => redrawn.has(id)).map(([, m]) => m),
    ]);
    await scheduleTimers(
      q,
      deps.clock,
      mine.flatMap((m) => m.timers),
    );
    deps.wakeScheduler();
  };
}

export const remindJob: JobKind<Deps> = { kind: JOB_REMIND, runBatch };

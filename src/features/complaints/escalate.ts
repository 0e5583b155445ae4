// Moving a case up a tier, by hand or because its clock ran out; what tier 3 hears when its clock
// runs out; the warning before. Each is planned as data (case-plan.ts) from the case as read, so
// the clock's timers can do hundreds at once and a button press goes through the same code. What
// each says is notify-plans.ts's.
import type { Deps } from "../../deps.ts";
import type { Db } from "../../infra/db/db.ts";
import { formatDuration } from "../../infra/duration.ts";
import { DomainError } from "../../infra/errors.ts";
import type { Translator } from "../../infra/i18n.ts";
import { formatInZone } from "../../infra/time.ts";
import { channelTranslators } from "../../people/channels.ts";
import { dialectOfClient, prismaExec } from "../../infra/db/prisma-exec.ts";
import type { ComplaintCase } from "../../generated/prisma/client.ts";
import { ACTIVE } from "./case-access.ts";
import { JOB_BREACH, planArm, snapshotOf, timerOwner, timerPrefix, type ClockPayload } from "./case-clock.ts";
import { applyCasePlans, type CasePlan, type EscalateBy, type Voices } from "./case-plan.ts";
import { escalationMessages, noteAndDm, tier3Messages } from "./notify-plans.ts";
import { clockLimitMs, type ClockKind } from "./rules.ts";
import { mentions, tierOf, tierPeopleOf } from "./tiers.ts";

const guardOf = (c: ComplaintCase): CasePlan["guard"] => ({
  clockGen: c.clockGen,
  breaches: c.breaches,
  statuses: ACTIVE,
});

/** The case one tier up: its count of escalations (and of breaches, when the clock did it) and its new clock. */
function oneTierUp(c: ComplaintCase, by: EscalateBy, now: Date): { next: ComplaintCase; timers: CasePlan["timers"] } {
  const next: ComplaintCase = {
    ...c,
    version: c.version + 1,
    tier: c.tier + 1,
    escalations: c.escalations + 1,
    breaches: by.actorId ? c.breaches : c.breaches + 1,
  };
  if (c.status === "waiting_customer") {
    // Still waiting for the customer: the new tier gets its full time once the customer replies.
    const limit = clockLimitMs(snapshotOf(c), c.clockKind as ClockKind);
    return { next: { ...next, clockGen: c.clockGen + 1, remainingMs: limit, pausedAt: now }, timers: [] };
  }
  const armed = planArm(next, c.clockKind as ClockKind, by.startAt);
  return { next: { ...next, ...armed.fields }, timers: armed.timers };
}

export function planEscalation(c: ComplaintCase, by: EscalateBy, v: Voices): CasePlan {
  if (c.tier >= 3) throw new DomainError("complaint.error.topTier", { number: c.number });
  const { next, timers } = oneTierUp(c, by, v.now);
  const { card, messages } = escalationMessages(c, next, by, v);
  return {
    caseId: c.id,
    guard: guardOf(c),
    set: {
      tier: next.tier,
      tierPeople: tierPeopleOf(c, next.tier),
      escalations: next.escalations,
      breaches: next.breaches,
      cardId: card.id,
      clockKind: next.clockKind,
      clockGen: next.clockGen,
      clockStartedAt: next.clockStartedAt,
      deadlineAt: next.deadlineAt,
      pausedAt: next.pausedAt,
      remainingMs: next.remainingMs,
    },
    cancelTimers: true,
    timers,
    messages,
    events: [
      {
        kind: by.actorId ? "escalated" : "escalated_auto",
        actorId: by.actorId,
        detail: { from: c.tier, to: next.tier, reason: by.reason },
      },
    ],
  };
}

/** Tier 3 has nowhere higher to go: remind it, again every `repeat`, until someone acts. */
export function planTier3Overdue(c: ComplaintCase, dueAt: Date, v: Voices): CasePlan {
  const p = snapshotOf(c);
  const deadline = `${formatInZone(c.deadlineAt ?? dueAt, v.timeZone, "MM-dd HH:mm")} (${v.timeZone})`;
  const params = { mentions: mentions(c, 3), number: c.number, deadline, interval: formatDuration(p.tier3RepeatMs) };
  const saved = { ...c, version: c.version + 1, breaches: c.breaches + 1 };
  const payload: ClockPayload = { caseId: c.id, gen: c.clockGen, seq: saved.breaches };
  const steps = Math.max(1, Math.ceil((v.now.getTime() - dueAt.getTime() + 1) / p.tier3RepeatMs));
  return {
    caseId: c.id,
    guard: guardOf(c),
    set: { breaches: saved.breaches },
    cancelTimers: false,
    timers: [
      {
        kind: JOB_BREACH,
        key: `${timerPrefix(c.id)}g${c.clockGen}:breach:${saved.breaches}`,
        owner: timerOwner(c.id),
        dueAt: new Date(dueAt.getTime() + p.tier3RepeatMs * steps),
        payload,
      },
    ],
    messages: tier3Messages(c, saved, v, params),
    events: [{ kind: "tier3_overdue", actorId: null, detail: { repeat: saved.breaches } }],
  };
}

/** The warning at 75% (by default) of the clock: to the tier in the card's thread and to the owner. */
export function planWarning(c: ComplaintCase, jobKey: string, v: Voices): CasePlan {
  const deadline = `${formatInZone(c.deadlineAt!, v.timeZone, "MM-dd HH:mm")} (${v.timeZone})`;
  const params = (t: Translator) => ({
    mentions: mentions(c, c.tier),
    number: c.number,
    percent: snapshotOf(c).warnPercent,
    clock: t(c.clockKind === "response" ? "complaint.clock.response" : "complaint.clock.resolution"),
    deadline,
  });
  // Keys make a rerun harmless: each message is queued at most once.
  const messages = c.cardId
    ? noteAndDm(v, c, c.cardId, tierOf(c, c.tier).channelId, "complaint.note.warning", params, jobKey)
    : [];
  return {
    caseId: c.id,
    guard: guardOf(c),
    set: { breaches: c.breaches },
    bumpVersion: false,
    cancelTimers: false,
    timers: [],
    messages,
    events: [],
  };
}

/** For a button press in a Prisma transaction (Escalate now): the same plan, applied there. */
export async function escalateInTx(
  tx: Db,
  deps: Deps,
  c: ComplaintCase,
  by: EscalateBy,
  ownerT: Translator,
): Promise<ComplaintCase> {
  const channels = snapshotOf(c).tiers.map((x) => x.channelId);
  const v: Voices = {
    channel: await channelTranslators(deps, channels, tx),
    owner: ownerT,
    timeZone: deps.config.DEFAULT_TIMEZONE,
    now: deps.clock.now(),
  };
  const plan = planEscalation(c, by, v);
  const applied = await applyCasePlans(prismaExec(tx, dialectOfClient(tx)), deps.clock, [plan]);
  if (!applied.has(c.id))
    throw new DomainError("complaint.error.state", { number: c.number, status: ownerT("cstatus.open") });
  return tx.complaintCase.findUniqueOrThrow({ where: { id: c.id } });
}

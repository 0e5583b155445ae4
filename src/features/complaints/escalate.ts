// Moving a case up a tier, by hand or because its clock ran out; what tier 3 hears when its clock
// runs out; the warning before. Each is planned as data (case-plan.ts) from the case as read, so
// the clock's timers can do hundreds at once and a button press goes through the same code.
import type { Deps } from "../../deps.ts";
import type { Db } from "../../infra/db.ts";
import { formatDuration } from "../../infra/duration.ts";
import { DomainError } from "../../infra/errors.ts";
import type { MessageKey, Params, Translator } from "../../infra/i18n.ts";
import { formatInZone } from "../../infra/time.ts";
import { channelTranslators } from "../../people/channels.ts";
import { dialectOfClient, prismaExec } from "../../infra/prisma-exec.ts";
import type { ComplaintCase } from "../../generated/prisma/client.ts";
import { caseCard, caseNews } from "./blocks.ts";
import { ACTIVE } from "./case-access.ts";
import { JOB_BREACH, planArm, snapshotOf, timerOwner, timerPrefix, type ClockPayload } from "./case-clock.ts";
import { applyCasePlans, planned, type CasePlan } from "./case-plan.ts";
import { clockLimitMs, type ClockKind } from "./rules.ts";

export interface EscalateBy {
  /** null when the clock escalated it. */
  actorId: string | null;
  reason?: string;
  /** When the new tier's clock starts: the breach time for automatic escalations. */
  startAt: Date;
}

/** How a case speaks: a channel's messages in that channel's language, the owner's DMs in theirs. */
export interface Voices {
  channel: (channelId: string) => Translator;
  owner: Translator;
  timeZone: string;
  now: Date;
}

export function tierOf(c: Pick<ComplaintCase, "policy">, tier: number) {
  const found = snapshotOf(c).tiers.find((x) => x.tier === tier);
  if (!found) throw new Error(`case has no tier ${tier} in its policy snapshot`);
  return found;
}

export function mentions(c: Pick<ComplaintCase, "policy">, tier: number): string {
  const tr = tierOf(c, tier);
  const people = tr.userIds.map((u) => `<@${u}>`);
  if (tr.userGroupId) people.push(`<!subteam^${tr.userGroupId}>`);
  return people.join(" ");
}

/** Whom a tier's roll-up calls: its people and its user group. */
export function tierTargets(c: Pick<ComplaintCase, "policy">, tier: number): string[] {
  const tr = tierOf(c, tier);
  return [...tr.userIds, ...(tr.userGroupId ? [`subteam^${tr.userGroupId}`] : [])];
}

/** The tier's people as the case row keeps them, for finding "my cases" with one query. */
export const tierPeopleOf = (c: Pick<ComplaintCase, "policy">, tier: number): string =>
  `,${tierTargets(c, tier).join(",")},`;

const guardOf = (c: ComplaintCase): CasePlan["guard"] => ({
  clockGen: c.clockGen,
  breaches: c.breaches,
  statuses: ACTIVE,
});

/** A line in a card's thread, and the same news in the owner's DM. */
/** The same line in the card's thread and in the owner's DM, each wholly in its reader's language. */
function noteAndDm(
  v: Voices,
  c: ComplaintCase,
  cardId: string,
  channel: string,
  key: MessageKey,
  params: Params | ((t: Translator) => Params),
  dedupe?: string,
) {
  const forReader = (t: Translator) => (typeof params === "function" ? params(t) : params);
  const inChannel = v.channel(channel);
  const note = planned({
    kind: "post",
    channel,
    threadOfId: cardId,
    body: { text: inChannel(key, forReader(inChannel)) },
    dedupeKey: dedupe && `${dedupe}:note`,
    group: caseNews("complaint.notes", inChannel, c, v.timeZone, {
      mentions: tierTargets(c, c.tier),
      extra: inChannel(`${key}.short` as MessageKey),
    }),
  });
  const event = v.owner(key, forReader(v.owner));
  const dm = planned({
    kind: "post",
    channel: c.ownerId,
    body: { text: v.owner("complaint.owner.dm", { number: c.number, customer: c.customerName, event }) },
    dedupeKey: dedupe && `${dedupe}:owner`,
    group: caseNews("complaint.owner", v.owner, c, v.timeZone, { extra: v.owner(`${key}.short` as MessageKey) }),
  });
  return [note, dm];
}

export function planEscalation(c: ComplaintCase, by: EscalateBy, v: Voices): CasePlan {
  if (c.tier >= 3) throw new DomainError("complaint.error.topTier", { number: c.number });
  const from = c.tier;
  const to = c.tier + 1;
  const oldChannel = tierOf(c, from).channelId;
  const newChannel = tierOf(c, to).channelId;
  // The old tier's channel and the new one may speak different languages: each line is built for
  // the channel it goes to.
  const why = (t: Translator) =>
    by.actorId
      ? t("complaint.note.escalatedManual", { actor: by.actorId, to, reason: by.reason ?? "" })
      : t("complaint.note.escalatedAuto", {
          clock: t(c.clockKind === "response" ? "complaint.clock.response" : "complaint.clock.resolution"),
          from,
          to,
        });
  const oldT = v.channel(oldChannel);
  const newT = v.channel(newChannel);
  let next: ComplaintCase = {
    ...c,
    version: c.version + 1,
    tier: to,
    escalations: c.escalations + 1,
    breaches: by.actorId ? c.breaches : c.breaches + 1,
  };
  let timers: CasePlan["timers"] = [];
  if (c.status === "waiting_customer") {
    // Still waiting for the customer: the new tier gets its full time once the customer replies.
    next = {
      ...next,
      clockGen: c.clockGen + 1,
      remainingMs: clockLimitMs(snapshotOf(c), c.clockKind as ClockKind),
      pausedAt: v.now,
    };
  } else {
    const armed = planArm(next, c.clockKind as ClockKind, by.startAt);
    next = { ...next, ...armed.fields };
    timers = armed.timers;
  }
  const card = planned({
    kind: "post",
    channel: newChannel,
    body: caseCard(newT, next, v.timeZone, v.now),
    group: caseNews("complaint.escalated", newT, next, v.timeZone, { tier: to, mentions: tierTargets(c, to) }),
  });
  next = { ...next, cardId: card.id };
  const messages = [
    // The old card stays where it was, pointing to the tier that now has the case.
    ...(c.cardId
      ? [
          planned({
            kind: "update",
            targetId: c.cardId,
            body: caseCard(oldT, { ...c, version: c.version + 1 }, v.timeZone, v.now, {
              tier: to,
              channel: newChannel,
            }),
          }),
        ]
      : []),
    ...(c.cardId
      ? [
          planned({
            kind: "post",
            channel: oldChannel,
            threadOfId: c.cardId,
            body: { text: why(oldT) },
            group: caseNews("complaint.moved", oldT, c, v.timeZone, {
              tier: from,
              extra: oldT("complaint.rollup.movedTo", { tier: to }),
            }),
          }),
        ]
      : []),
    card,
    planned({
      kind: "post",
      channel: newChannel,
      threadOfId: card.id,
      body: {
        text: newT("complaint.note.arrived", {
          mentions: mentions(next, to),
          number: c.number,
          tier: to,
          why: why(newT),
        }),
      },
    }),
  ];
  const ownerKey = by.actorId ? "complaint.note.escalatedManual" : "complaint.note.escalatedAuto";
  const ownerParams = {
    actor: by.actorId ?? "",
    to,
    from,
    reason: by.reason ?? "",
    clock: v.owner(c.clockKind === "response" ? "complaint.clock.response" : "complaint.clock.resolution"),
  };
  messages.push(
    planned({
      kind: "post",
      channel: c.ownerId,
      body: {
        text: v.owner("complaint.owner.dm", {
          number: c.number,
          customer: c.customerName,
          event: v.owner(ownerKey, ownerParams),
        }),
      },
      group: caseNews("complaint.owner", v.owner, next, v.timeZone, {
        extra: v.owner("complaint.rollup.movedTo", { tier: to }),
      }),
    }),
  );
  return {
    caseId: c.id,
    guard: guardOf(c),
    set: {
      tier: to,
      tierPeople: tierPeopleOf(c, to),
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
        detail: { from, to, reason: by.reason },
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
  const channel = tierOf(c, c.tier).channelId;
  const messages = c.cardId
    ? [
        ...noteAndDm(v, c, c.cardId, channel, "complaint.note.tier3Overdue", params),
        planned({ kind: "update", targetId: c.cardId, body: caseCard(v.channel(channel), saved, v.timeZone, v.now) }),
      ]
    : [];
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
    messages,
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

// What a case's clock-driven transitions say, and where: planned as data (case-plan.ts) so that
// hundreds of escalations are written with a few statements. The transition itself (tier, clock,
// timers) is escalate.ts's; this file is how it reaches the case's Block Kit.
import type { ComplaintCase } from "../../generated/prisma/client.ts";
import type { MessageKey, Params, Translator } from "../../infra/i18n.ts";
import { caseCard, caseNews } from "./blocks.ts";
import { planned, type EscalateBy, type PlannedMessage, type Voices } from "./case-plan.ts";
import { mentions, tierOf, tierTargets } from "./tiers.ts";

/** The same line in the card's thread and in the owner's DM, each wholly in its reader's language. */
export function noteAndDm(
  v: Voices,
  c: ComplaintCase,
  cardId: string,
  channel: string,
  key: MessageKey,
  params: Params | ((t: Translator) => Params),
  dedupe?: string,
): PlannedMessage[] {
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
    // What happened to a case, told its owner: news, whatever the case's urgency. The urgency is
    // the tier channel's, where the people who must act are called; the owner's DM waits behind
    // promises made for a time (a promotion's reminder) when Slack's post budget is short.
    priority: "news",
    group: caseNews("complaint.owner", v.owner, c, v.timeZone, { extra: v.owner(`${key}.short` as MessageKey) }),
  });
  return [note, dm];
}

const clockName = (t: Translator, c: ComplaintCase) =>
  t(c.clockKind === "response" ? "complaint.clock.response" : "complaint.clock.resolution");

/**
 * An escalation from `c` to `next` (the case with its new tier and clock): its new card in the new
 * tier's channel (which `next.cardId` is set to), the old card pointing there, a note in each
 * thread, and the owner's DM.
 */
export function escalationMessages(
  c: ComplaintCase,
  next: ComplaintCase,
  by: EscalateBy,
  v: Voices,
): { card: PlannedMessage; messages: PlannedMessage[] } {
  const [from, to] = [c.tier, next.tier];
  const oldChannel = tierOf(c, from).channelId;
  const newChannel = tierOf(c, to).channelId;
  // The old tier's channel and the new one may speak different languages: each line is built for
  // the channel it goes to.
  const why = (t: Translator) =>
    by.actorId
      ? t("complaint.note.escalatedManual", { actor: by.actorId, to, reason: by.reason ?? "" })
      : t("complaint.note.escalatedAuto", { clock: clockName(t, c), from, to });
  const oldT = v.channel(oldChannel);
  const newT = v.channel(newChannel);
  const card = planned({
    kind: "post",
    channel: newChannel,
    body: caseCard(newT, next, v.timeZone, v.now),
    group: caseNews("complaint.escalated", newT, next, v.timeZone, { tier: to, mentions: tierTargets(c, to) }),
  });
  const shown = { ...next, cardId: card.id };
  const old = c.cardId
    ? [
        // The old card stays where it was, pointing to the tier that now has the case.
        planned({
          kind: "update",
          targetId: c.cardId,
          body: caseCard(oldT, { ...c, version: c.version + 1 }, v.timeZone, v.now, { tier: to, channel: newChannel }),
        }),
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
    : [];
  const arrived = newT("complaint.note.arrived", {
    mentions: mentions(shown, to),
    number: c.number,
    tier: to,
    why: why(newT),
  });
  const ownerKey = by.actorId ? "complaint.note.escalatedManual" : "complaint.note.escalatedAuto";
  const event = v.owner(ownerKey, {
    actor: by.actorId ?? "",
    to,
    from,
    reason: by.reason ?? "",
    clock: clockName(v.owner, c),
  });
  const messages = [
    ...old,
    card,
    planned({ kind: "post", channel: newChannel, threadOfId: card.id, body: { text: arrived } }),
    planned({
      kind: "post",
      channel: c.ownerId,
      body: { text: v.owner("complaint.owner.dm", { number: c.number, customer: c.customerName, event }) },
      // News to the owner, however it was escalated (see noteAndDm).
      priority: "news",
      group: caseNews("complaint.owner", v.owner, shown, v.timeZone, {
        extra: v.owner("complaint.rollup.movedTo", { tier: to }),
      }),
    }),
  ];
  return { card, messages };
}

/** Tier 3's reminder that the case is past its deadline, and the card with the new count. */
export function tier3Messages(c: ComplaintCase, saved: ComplaintCase, v: Voices, params: Params): PlannedMessage[] {
  if (!c.cardId) return [];
  const channel = tierOf(c, c.tier).channelId;
  return [
    ...noteAndDm(v, c, c.cardId, channel, "complaint.note.tier3Overdue", params),
    planned({ kind: "update", targetId: c.cardId, body: caseCard(v.channel(channel), saved, v.timeZone, v.now) }),
  ];
}

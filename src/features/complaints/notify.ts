// What a case says, and where: its card in the tier's channel, notes in the card's thread, DMs
// to the first-contact owner. Everything goes through the outbox with the caller's transaction.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Deps } from "../../deps.ts";
import type { Db } from "../../infra/db/db.ts";
import type { MessageKey, Params, Translator } from "../../infra/i18n.ts";
import { channelTranslator } from "../../people/channels.ts";
import type { ComplaintCase } from "../../generated/prisma/client.ts";
import { caseCard, caseNews } from "./blocks.ts";
import type { MessageBody } from "../../outbox/message.ts";
import { caseChannel, tierTargets } from "./tiers.ts";

type Case = ComplaintCase;

/**
 * Channel messages speak the channel's language (/shopops language #channel), else the
 * workspace's: a channel is read by many people. `db` is the caller's transaction.
 */
export const caseChannelT = (db: Db, deps: Deps, c: Case): Promise<Translator> =>
  channelTranslator(deps, caseChannel(c), db);

export async function postCard(db: Db, deps: Deps, c: Case, actorId?: string): Promise<string> {
  const t = await caseChannelT(db, deps, c);
  const body = caseCard(t, c, deps.config.DEFAULT_TIMEZONE, deps.clock.now());
  const group = caseNews("complaint.opened", t, c, deps.config.DEFAULT_TIMEZONE, {
    mentions: tierTargets(c, c.tier),
    extra: t("complaint.rollup.opened", { tier: c.tier }),
  });
  const { id } = await deps.outbox.enqueue(db, { kind: "post", channel: caseChannel(c), body, actorId, group });
  return id;
}

export async function refreshCard(
  db: Db,
  deps: Deps,
  c: Case,
  movedTo?: { tier: number; channel: string },
): Promise<void> {
  if (!c.cardId) return;
  const body = caseCard(await caseChannelT(db, deps, c), c, deps.config.DEFAULT_TIMEZONE, deps.clock.now(), movedTo);
  await deps.outbox.enqueue(db, { kind: "update", targetId: c.cardId, body });
}

/**
 * The case's card as it is now, when `pressed` (a channel and a ts) is that card: what a press on
 * it shows at once through its response_url. Undefined for any other message (an old tier's card,
 * a DM).
 */
export async function cardIfPressed(
  deps: Deps,
  caseId: string,
  pressed: { channel?: string; ts?: string },
): Promise<MessageBody | undefined> {
  const c = await deps.db.complaintCase.findUnique({ where: { id: caseId } });
  if (!c?.cardId || pressed.channel !== caseChannel(c)) return undefined;
  const card = await deps.db.outboxMessage.findUnique({ where: { id: c.cardId }, select: { ts: true } });
  if (!card?.ts || card.ts !== pressed.ts) return undefined;
  return caseCard(await caseChannelT(deps.db, deps, c), c, deps.config.DEFAULT_TIMEZONE, deps.clock.now());
}

/** A line in the card's thread: the case's history stays in one place. */
export async function note(
  db: Db,
  deps: Deps,
  c: Case,
  key: MessageKey,
  params: Params,
  dedupeKey?: string,
): Promise<void> {
  if (!c.cardId) return;
  const text = (await caseChannelT(db, deps, c))(key, params);
  await deps.outbox.enqueue(db, {
    kind: "post",
    channel: caseChannel(c),
    threadOfId: c.cardId,
    body: { text },
    dedupeKey,
  });
}

/** First-contact ownership: the owner hears of every change, in their own language. */
export async function tellOwner(
  db: Db,
  deps: Deps,
  c: Case,
  ownerT: Translator,
  key: MessageKey,
  params: Params,
  dedupeKey?: string,
) {
  const event = ownerT(key, params);
  const text = ownerT("complaint.owner.dm", { number: c.number, customer: c.customerName, event });
  const group = caseNews("complaint.owner", ownerT, c, deps.config.DEFAULT_TIMEZONE, { extra: event });
  // News, whatever the case's urgency: see noteAndDm (notify-plans.ts).
  await deps.outbox.enqueue(db, {
    kind: "post",
    channel: c.ownerId,
    body: { text },
    dedupeKey,
    group,
    priority: "news",
  });
}

/** The case, linked in the thread an agent escalated it from: the conversation points to it. */
export async function linkInSource(
  db: Db,
  deps: Deps,
  c: Case,
  source: { channel: string; ts: string },
  actorId: string,
) {
  const t = await channelTranslator(deps, source.channel, db);
  await deps.outbox.enqueue(db, {
    kind: "post",
    channel: source.channel,
    threadTs: source.ts,
    body: {
      text: t("complaint.note.linked", { number: c.number, tier: c.tier, channel: caseChannel(c), owner: actorId }),
    },
    actorId,
    group: caseNews("complaint.linked", t, c, deps.config.DEFAULT_TIMEZONE, { extra: t("complaint.rollup.linked") }),
  });
}

export async function logEvent(
  db: Db,
  deps: Deps,
  caseId: string,
  kind: string,
  actorId: string | null,
  detail: object = {},
) {
  await db.complaintEvent.create({
    data: { caseId, kind, actorId, at: deps.clock.now(), detail: detail as Prisma.InputJsonObject },
  });
}

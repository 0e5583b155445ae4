// Moving a case up a tier, by hand or because its clock ran out.
import type { Deps } from "../../deps.ts";
import type { Db } from "../../infra/db.ts";
import { DomainError } from "../../infra/errors.ts";
import type { Translator } from "../../infra/i18n.ts";
import type { ComplaintCase } from "../../generated/prisma/client.ts";
import { armClock, snapshotOf } from "./case-clock.ts";
import { logEvent, mentions, note, postCard, refreshCard, tellOwner, tierOf } from "./notify.ts";
import { clockLimitMs, type ClockKind } from "./rules.ts";

export interface EscalateBy {
  /** null when the clock escalated it. */
  actorId: string | null;
  reason?: string;
  /** When the new tier's clock starts: the breach time for automatic escalations. */
  startAt: Date;
}

export async function escalateInTx(tx: Db, deps: Deps, c: ComplaintCase, by: EscalateBy, ownerT: Translator): Promise<ComplaintCase> {
  if (c.tier >= 3) throw new DomainError("complaint.error.topTier", { number: c.number });
  const from = c.tier;
  const to = c.tier + 1;
  const newChannel = tierOf(c, to).channelId;
  // The old card stays where it was, pointing to the tier that now has the case.
  await refreshCard(tx, deps, { ...c, status: c.status }, { tier: to, channel: newChannel });
  const clockName = ownerT(c.clockKind === "response" ? "complaint.clock.response" : "complaint.clock.resolution");
  const why = by.actorId
    ? ownerT("complaint.note.escalatedManual", { actor: by.actorId, to, reason: by.reason ?? "" })
    : ownerT("complaint.note.escalatedAuto", { clock: clockName, from, to });
  await note(tx, deps, c, by.actorId ? "complaint.note.escalatedManual" : "complaint.note.escalatedAuto", {
    actor: by.actorId ?? "",
    to,
    from,
    reason: by.reason ?? "",
    clock: clockName,
  });
  let next = { ...c, tier: to, escalations: c.escalations + 1, breaches: by.actorId ? c.breaches : c.breaches + 1 };
  let clockFields: Partial<ComplaintCase>;
  if (c.status === "waiting_customer") {
    // Still waiting for the customer: the new tier gets its full time once the customer replies.
    clockFields = { clockGen: c.clockGen + 1, remainingMs: clockLimitMs(snapshotOf(c), c.clockKind as ClockKind), pausedAt: deps.clock.now() };
  } else {
    clockFields = await armClock(tx, deps.clock, next, c.clockKind as ClockKind, by.startAt);
  }
  next = { ...next, ...clockFields };
  const cardId = await postCard(tx, deps, next);
  const saved = await tx.complaintCase.update({
    where: { id: c.id },
    data: { tier: to, escalations: next.escalations, breaches: next.breaches, cardId, ...clockFields },
  });
  await note(tx, deps, saved, "complaint.note.arrived", { mentions: mentions(saved, to), number: saved.number, tier: to, why });
  await tellOwner(tx, deps, saved, ownerT, by.actorId ? "complaint.note.escalatedManual" : "complaint.note.escalatedAuto", {
    actor: by.actorId ?? "",
    to,
    from,
    reason: by.reason ?? "",
    clock: clockName,
  });
  await logEvent(tx, deps, c.id, by.actorId ? "escalated" : "escalated_auto", by.actorId, { from, to, reason: by.reason });
  return saved;
}

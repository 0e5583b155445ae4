// What people do with a case from its card. Each action checks who may act and in which state,
// changes the case, its clock and its messages in one transaction.
import { stored } from "../../infra/db/stored.ts";
import type { Deps } from "../../deps.ts";
import type { Db } from "../../infra/db/db.ts";
import { claim } from "../../infra/db/claim.ts";
import { DomainError } from "../../infra/errors.ts";
import { formatDuration } from "../../infra/duration.ts";
import type { MessageKey, Params, Translator } from "../../infra/i18n.ts";
import { isAdmin, userContext } from "../../people/people.ts";
import type { ComplaintCase } from "../../generated/prisma/client.ts";
import { RemedyShape, remedyText, type Remedy } from "./remedy.ts";
import { ACTIVE, assertMayAct, assertStatus, isTierMemberAsync, loadCase } from "./case-access.ts";
import { armClock, pauseClock, resumeClock, snapshotOf } from "./case-clock.ts";
import { escalateInTx } from "./escalate.ts";
import { caseChannelT, logEvent, note, refreshCard, tellOwner } from "./notify.ts";
import { mentions } from "./tiers.ts";
import { completeWatchers } from "./watch-case.ts";
import { needsTier3Approval, type RemedyKind, type Status } from "./rules.ts";

/**
 * What an action says, built once per reader: the card's thread hears it in the channel's
 * language and the owner in theirs, fragments included ("approved", "Partial refund ¥800"), so
 * no message mixes two languages.
 */
type Say = (t: Translator) => [MessageKey, Params];
// A change never rewrites the policy snapshot (copied once, when the case opened).
type Change = (
  tx: Db,
  c: ComplaintCase,
  ownerT: Translator,
) => Promise<{ data?: Partial<Omit<ComplaintCase, "policy">>; say?: Say; saved?: ComplaintCase }>;

/** A case as the actor saw it: its id, and the version on the card they pressed (if it had one). */
export interface Seen {
  caseId: string;
  seen?: number;
}

async function act(
  deps: Deps,
  ref: Seen,
  actorId: string,
  allowed: Status[],
  kind: string,
  change: Change,
): Promise<ComplaintCase> {
  const c = await loadCase(deps, ref.caseId);
  await assertMayAct(deps, c, actorId);
  const owner = await userContext(deps, c.ownerId);
  const version = ref.seen ?? c.version;
  if (version !== c.version) throw await lostRace(deps, c, actorId);
  assertStatus(c, allowed, owner.t(`cstatus.${c.status as Status}`));
  const saved = await deps.db
    .$transaction(async (tx) => {
      // The claim is the first write: from here this transaction holds the case, or it lost.
      if (!(await claim(tx, "ComplaintCase", { id: c.id, version, statuses: allowed }))) throw new LostRace();
      const fresh = await tx.complaintCase.findUniqueOrThrow({ where: { id: c.id } });
      const r = await change(tx, fresh, owner.t);
      const updated = r.saved ?? (await tx.complaintCase.update({ where: { id: c.id }, data: r.data ?? {} }));
      if (!r.saved) await refreshCard(tx, deps, updated);
      if (r.say) {
        await note(tx, deps, updated, ...r.say(await caseChannelT(tx, deps, updated)));
        await tellOwner(tx, deps, updated, owner.t, ...r.say(owner.t));
      }
      // A planned change (escalation) writes its own history line, with its details.
      if (!r.saved) await logEvent(tx, deps, c.id, kind, actorId, { from: fresh.status, to: updated.status });
      await completeWatchers(tx, deps, updated);
      return updated;
    })
    .catch(async (e) => {
      throw e instanceof LostRace ? await lostRace(deps, await loadCase(deps, c.id), actorId) : e;
    });
  deps.wakeScheduler();
  return saved;
}

class LostRace extends Error {}

/**
 * The answer to the second of two presses: what happened instead, by whom, how long ago ("already
 * acknowledged by @amy 2 s ago"). The card is refreshed too, in case the one they pressed was stale.
 */
async function lostRace(deps: Deps, c: ComplaintCase, actorId: string): Promise<DomainError> {
  const [last] = await deps.db.complaintEvent.findMany({ where: { caseId: c.id }, orderBy: { at: "desc" }, take: 1 });
  const user = await userContext(deps, actorId);
  await deps.db.$transaction((tx) => refreshCard(tx, deps, c));
  deps.wakeScheduler();
  const did = (last && DID[last.kind]) ?? "complaint.did.changed";
  const ago = formatDuration(Math.max(0, deps.clock.now().getTime() - (last?.at ?? c.createdAt).getTime()));
  const params = { number: c.number, did: user.t(did), ago, status: user.t(`cstatus.${c.status as Status}`) };
  return last?.actorId
    ? new DomainError("complaint.error.lostRace", { ...params, actor: last.actorId })
    : new DomainError("complaint.error.lostRaceClock", params);
}

const DID: Record<string, MessageKey> = {
  acknowledged: "complaint.did.acknowledged",
  escalated: "complaint.did.escalated",
  escalated_auto: "complaint.did.escalated",
  waiting: "complaint.did.waiting",
  resumed: "complaint.did.resumed",
  remedy_proposed: "complaint.did.remedyProposed",
  remedy_approved: "complaint.did.remedyApproved",
  remedy_rejected: "complaint.did.remedyRejected",
  resolved: "complaint.did.resolved",
  confirmed: "complaint.did.confirmed",
  rated: "complaint.did.rated",
  reopened: "complaint.did.reopened",
};

export function acknowledge(deps: Deps, ref: Seen, actorId: string) {
  return act(deps, ref, actorId, ["open"], "acknowledged", async (tx, c) => {
    // Acknowledging stops the response clock; a general case's resolution clock keeps running.
    const clock = c.clockKind === "response" ? await armClock(tx, deps.clock, c, "none", deps.clock.now()) : {};
    return {
      data: { status: "acknowledged", acknowledgedAt: deps.clock.now(), ...clock },
      say: () => ["complaint.note.acknowledged", { actor: actorId }],
    };
  });
}

export function escalateNow(deps: Deps, ref: Seen, actorId: string, reason: string) {
  return act(deps, ref, actorId, ACTIVE, "escalated", async (tx, c, ownerT) => ({
    saved: await escalateInTx(tx, deps, c, { actorId, reason, startAt: deps.clock.now() }, ownerT),
  }));
}

export function waitForCustomer(deps: Deps, ref: Seen, actorId: string) {
  return act(deps, ref, actorId, ["open", "acknowledged"], "waiting", async (tx, c) => ({
    data: { status: "waiting_customer", ...(await pauseClock(tx, deps.clock, c)) },
    say: () => ["complaint.note.waiting", { actor: actorId }],
  }));
}

export function customerReplied(deps: Deps, ref: Seen, actorId: string) {
  return act(deps, ref, actorId, ["waiting_customer"], "resumed", async (tx, c) => {
    const clock = await resumeClock(tx, deps.clock, c);
    return {
      data: { status: c.acknowledgedAt ? "acknowledged" : "open", ...clock },
      say: () => ["complaint.note.resumed", { actor: actorId, left: formatDuration(c.remainingMs ?? 0) }],
    };
  });
}

export function proposeRemedy(
  deps: Deps,
  ref: Seen,
  actorId: string,
  r: { kind: RemedyKind; amount: number | null; note: string },
) {
  return act(deps, ref, actorId, ACTIVE, "remedy_proposed", async (_tx, c) => {
    const p = snapshotOf(c);
    const pending = needsTier3Approval(r.kind, r.amount ?? 0, p);
    const remedy: Remedy = { ...r, status: pending ? "pending_approval" : "proposed", proposedBy: actorId };
    if (pending) {
      await note(_tx, deps, c, "complaint.note.remedyNeedsApproval", {
        mentions: mentions(c, 3),
        amount: `¥${p.refundApprovalAbove}`,
      });
    }
    return {
      data: { remedy: JSON.stringify(remedy) },
      say: (t) => ["complaint.note.remedyProposed", { actor: actorId, remedy: remedyText(t, remedy), note: r.note }],
    };
  });
}

export async function decideRemedy(deps: Deps, ref: Seen, actorId: string, approve: boolean) {
  const c = await loadCase(deps, ref.caseId);
  if (!(await isAdmin(deps, actorId)) && !(await isTierMemberAsync(deps, c, actorId, [3]))) {
    throw new DomainError("complaint.error.approver", { amount: `¥${snapshotOf(c).refundApprovalAbove}` });
  }
  return act(
    deps,
    ref,
    actorId,
    ACTIVE,
    approve ? "remedy_approved" : "remedy_rejected",
    async (_tx, fresh, ownerT) => {
      const remedy = fresh.remedy ? stored(RemedyShape, fresh.remedy, "complaint remedy") : null;
      if (!remedy || remedy.status !== "pending_approval")
        throw new DomainError("complaint.error.state", {
          number: fresh.number,
          status: ownerT(`cstatus.${fresh.status as Status}`),
        });
      const decided: Remedy = { ...remedy, status: approve ? "approved" : "rejected", decidedBy: actorId };
      const say: Say = (t) => [
        "complaint.note.remedyDecided",
        {
          actor: actorId,
          decision: t(approve ? "complaint.decision.approved" : "complaint.decision.rejected"),
          remedy: remedyText(t, decided),
        },
      ];
      return { data: { remedy: JSON.stringify(decided) }, say };
    },
  );
}

export function resolve(deps: Deps, ref: Seen, actorId: string) {
  return act(deps, ref, actorId, ACTIVE, "resolved", async (tx, c) => ({
    data: {
      status: "resolved",
      resolvedAt: deps.clock.now(),
      ...(await armClock(tx, deps.clock, c, "none", deps.clock.now())),
    },
    say: () => ["complaint.note.resolved", { actor: actorId }],
  }));
}

export function customerConfirmed(deps: Deps, ref: Seen, actorId: string) {
  return act(deps, ref, actorId, ["resolved"], "confirmed", async () => ({
    data: { status: "confirmed", confirmedAt: deps.clock.now() },
    say: () => ["complaint.note.confirmed", { actor: actorId }],
  }));
}

export function rate(deps: Deps, ref: Seen, actorId: string, score: number) {
  return act(deps, ref, actorId, ["confirmed"], "rated", async () => ({
    data: { status: "closed", satisfaction: score, closedAt: deps.clock.now() },
    say: () => ["complaint.note.rated", { actor: actorId, score }],
  }));
}

export function reopen(deps: Deps, ref: Seen, actorId: string) {
  return act(deps, ref, actorId, ["resolved", "confirmed", "closed"], "reopened", async (tx, c) => ({
    data: {
      status: "acknowledged",
      resolvedAt: null,
      confirmedAt: null,
      closedAt: null,
      satisfaction: null,
      ...(await armClock(tx, deps.clock, c, "resolution", deps.clock.now())),
    },
    say: () => ["complaint.note.reopened", { actor: actorId, tier: c.tier }],
  }));
}

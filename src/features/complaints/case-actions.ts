// What people do with a case from its card. Each action checks who may act and in which state,
// changes the case, its clock and its messages in one transaction.
import type { Deps } from "../../deps.ts";
import type { Db } from "../../infra/db.ts";
import { DomainError } from "../../infra/errors.ts";
import { formatDuration } from "../../infra/duration.ts";
import type { MessageKey, Params, Translator } from "../../infra/i18n.ts";
import { isAdmin, userContext } from "../../slack/user-context.ts";
import type { ComplaintCase } from "../../generated/prisma/client.ts";
import { remedyText, type Remedy } from "./blocks.ts";
import { ACTIVE, assertMayAct, assertStatus, isTierMemberAsync, loadCase } from "./case-access.ts";
import { armClock, pauseClock, resumeClock, snapshotOf } from "./case-clock.ts";
import { escalateInTx } from "./escalate.ts";
import { logEvent, mentions, note, refreshCard, tellOwner } from "./notify.ts";
import { needsTier3Approval, type RemedyKind, type Status } from "./rules.ts";

type Change = (tx: Db, c: ComplaintCase, ownerT: Translator) => Promise<{ data?: Partial<ComplaintCase>; say?: [MessageKey, Params]; saved?: ComplaintCase }>;

async function act(deps: Deps, caseId: string, actorId: string, allowed: Status[], kind: string, change: Change): Promise<ComplaintCase> {
  const c = await loadCase(deps, caseId);
  await assertMayAct(deps, c, actorId);
  const owner = await userContext(deps, c.ownerId);
  assertStatus(c, allowed, owner.t(`cstatus.${c.status as Status}`));
  const saved = await deps.db.$transaction(async (tx) => {
    // Re-read inside the transaction: a concurrent click may have changed the case.
    const fresh = await tx.complaintCase.findUniqueOrThrow({ where: { id: caseId } });
    assertStatus(fresh, allowed, owner.t(`cstatus.${fresh.status as Status}`));
    const r = await change(tx, fresh, owner.t);
    const updated = r.saved ?? (await tx.complaintCase.update({ where: { id: caseId }, data: r.data ?? {} }));
    if (!r.saved) await refreshCard(tx, deps, updated);
    if (r.say) {
      await note(tx, deps, updated, r.say[0], r.say[1]);
      await tellOwner(tx, deps, updated, owner.t, r.say[0], r.say[1]);
    }
    await logEvent(tx, deps, caseId, kind, actorId);
    return updated;
  });
  deps.wakeScheduler();
  return saved;
}

export function acknowledge(deps: Deps, caseId: string, actorId: string) {
  return act(deps, caseId, actorId, ["open"], "acknowledged", async (tx, c) => {
    // Acknowledging stops the response clock; a general case's resolution clock keeps running.
    const clock = c.clockKind === "response" ? await armClock(tx, deps.clock, c, "none", deps.clock.now()) : {};
    return { data: { status: "acknowledged", acknowledgedAt: deps.clock.now(), ...clock }, say: ["complaint.note.acknowledged", { actor: actorId }] };
  });
}

export function escalateNow(deps: Deps, caseId: string, actorId: string, reason: string) {
  return act(deps, caseId, actorId, ACTIVE, "escalated", async (tx, c, ownerT) => ({
    saved: await escalateInTx(tx, deps, c, { actorId, reason, startAt: deps.clock.now() }, ownerT),
  }));
}

export function waitForCustomer(deps: Deps, caseId: string, actorId: string) {
  return act(deps, caseId, actorId, ["open", "acknowledged"], "waiting", async (tx, c) => ({
    data: { status: "waiting_customer", ...(await pauseClock(tx, deps.clock, c)) },
    say: ["complaint.note.waiting", { actor: actorId }],
  }));
}

export function customerReplied(deps: Deps, caseId: string, actorId: string) {
  return act(deps, caseId, actorId, ["waiting_customer"], "resumed", async (tx, c) => {
    const clock = await resumeClock(tx, deps.clock, c);
    return {
      data: { status: c.acknowledgedAt ? "acknowledged" : "open", ...clock },
      say: ["complaint.note.resumed", { actor: actorId, left: formatDuration(c.remainingMs ?? 0) }],
    };
  });
}

export function proposeRemedy(deps: Deps, caseId: string, actorId: string, r: { kind: RemedyKind; amount: number | null; note: string }) {
  return act(deps, caseId, actorId, ACTIVE, "remedy_proposed", async (_tx, c, ownerT) => {
    const p = snapshotOf(c);
    const pending = needsTier3Approval(r.kind, r.amount ?? 0, p);
    const remedy: Remedy = { ...r, status: pending ? "pending_approval" : "proposed", proposedBy: actorId };
    const text = remedyText(ownerT, remedy);
    if (pending) {
      await note(_tx, deps, c, "complaint.note.remedyNeedsApproval", { mentions: mentions(c, 3), amount: `¥${p.refundApprovalAbove}` });
    }
    return { data: { remedy: JSON.stringify(remedy) }, say: ["complaint.note.remedyProposed", { actor: actorId, remedy: text, note: r.note }] };
  });
}

export async function decideRemedy(deps: Deps, caseId: string, actorId: string, approve: boolean) {
  const c = await loadCase(deps, caseId);
  if (!(await isAdmin(deps, actorId)) && !(await isTierMemberAsync(deps, c, actorId, [3]))) {
    throw new DomainError("complaint.error.approver", { amount: `¥${snapshotOf(c).refundApprovalAbove}` });
  }
  return act(deps, caseId, actorId, ACTIVE, approve ? "remedy_approved" : "remedy_rejected", async (_tx, fresh, ownerT) => {
    const remedy = fresh.remedy ? (JSON.parse(fresh.remedy) as Remedy) : null;
    if (!remedy || remedy.status !== "pending_approval") throw new DomainError("complaint.error.state", { number: fresh.number, status: ownerT(`cstatus.${fresh.status as Status}`) });
    const decided: Remedy = { ...remedy, status: approve ? "approved" : "rejected", decidedBy: actorId };
    const decision = ownerT(approve ? "complaint.decision.approved" : "complaint.decision.rejected");
    return { data: { remedy: JSON.stringify(decided) }, say: ["complaint.note.remedyDecided", { actor: actorId, decision, remedy: remedyText(ownerT, decided) }] };
  });
}

export function resolve(deps: Deps, caseId: string, actorId: string) {
  return act(deps, caseId, actorId, ACTIVE, "resolved", async (tx, c) => ({
    data: { status: "resolved", resolvedAt: deps.clock.now(), ...(await armClock(tx, deps.clock, c, "none", deps.clock.now())) },
    say: ["complaint.note.resolved", { actor: actorId }],
  }));
}

export function customerConfirmed(deps: Deps, caseId: string, actorId: string) {
  return act(deps, caseId, actorId, ["resolved"], "confirmed", async () => ({
    data: { status: "confirmed", confirmedAt: deps.clock.now() },
    say: ["complaint.note.confirmed", { actor: actorId }],
  }));
}

export function rate(deps: Deps, caseId: string, actorId: string, score: number) {
  return act(deps, caseId, actorId, ["confirmed"], "rated", async () => ({
    data: { status: "closed", satisfaction: score, closedAt: deps.clock.now() },
    say: ["complaint.note.rated", { actor: actorId, score }],
  }));
}

export function reopen(deps: Deps, caseId: string, actorId: string) {
  return act(deps, caseId, actorId, ["resolved", "confirmed", "closed"], "reopened", async (tx, c) => ({
    data: {
      status: "acknowledged",
      resolvedAt: null,
      confirmedAt: null,
      closedAt: null,
      satisfaction: null,
      ...(await armClock(tx, deps.clock, c, "resolution", deps.clock.now())),
    },
    say: ["complaint.note.reopened", { actor: actorId, tier: c.tier }],
  }));
}

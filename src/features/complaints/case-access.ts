// Loading a case for an action: it exists, the actor may act on it, and the action fits its state.
import type { Deps } from "../../deps.ts";
import { DomainError } from "../../infra/errors.ts";
import type { ComplaintCase } from "../../generated/prisma/client.ts";
import { snapshotOf } from "./case-clock.ts";
import type { Status } from "./rules.ts";

export async function loadCase(deps: Deps, caseId: string): Promise<ComplaintCase> {
  const c = await deps.db.complaintCase.findUnique({ where: { id: caseId } });
  if (!c) throw new DomainError("complaint.error.notFound", { ref: caseId });
  return c;
}

export function isTierMember(c: ComplaintCase, userId: string, tiers?: number[]): boolean {
  return snapshotOf(c).tiers.some((t) => (!tiers || tiers.includes(t.tier)) && t.userIds.includes(userId));
}

export function assertMayAct(deps: Deps, c: ComplaintCase, userId: string): void {
  if (c.ownerId === userId || deps.config.ADMIN_USER_IDS.includes(userId) || isTierMember(c, userId)) return;
  throw new DomainError("complaint.error.notAllowed", { number: c.number });
}

export function assertStatus(c: ComplaintCase, allowed: Status[], statusLabel: string): void {
  if (!allowed.includes(c.status as Status)) throw new DomainError("complaint.error.state", { number: c.number, status: statusLabel });
}

export const ACTIVE: Status[] = ["open", "acknowledged", "waiting_customer"];

// Loading a case for an action: it exists, the actor may act on it, and the action fits its state.
import type { Deps } from "../../deps.ts";
import { DomainError } from "../../infra/errors.ts";
import type { ComplaintCase } from "../../generated/prisma/client.ts";
import { isAdmin } from "../../people/people.ts";
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

// Members of a tier's Slack user group, asked of Slack (usergroups:read) and kept for 5 minutes.
const groupCaches = new WeakMap<object, Map<string, { at: number; users: string[] }>>();

async function groupMembers(deps: Deps, groupId: string): Promise<string[]> {
  let groupCache = groupCaches.get(deps.db);
  if (!groupCache) groupCaches.set(deps.db, (groupCache = new Map()));
  const now = deps.clock.now().getTime();
  const hit = groupCache.get(groupId);
  if (hit && Math.abs(now - hit.at) < 5 * 60_000) return hit.users;
  try {
    const r = await deps.slack.call("usergroups.users.list", { usergroup: groupId });
    const users = (r.users as string[] | undefined) ?? [];
    groupCache.set(groupId, { at: now, users });
    return users;
  } catch (e) {
    deps.log.warn({ err: e, groupId }, "could not read a tier's user group");
    return [];
  }
}

/** A tier member by id, or through the tier's user group. */
export async function isTierMemberAsync(
  deps: Deps,
  c: ComplaintCase,
  userId: string,
  tiers?: number[],
): Promise<boolean> {
  if (isTierMember(c, userId, tiers)) return true;
  for (const t of snapshotOf(c).tiers) {
    if (
      (!tiers || tiers.includes(t.tier)) &&
      t.userGroupId &&
      (await groupMembers(deps, t.userGroupId)).includes(userId)
    )
      return true;
  }
  return false;
}

export async function assertMayAct(deps: Deps, c: ComplaintCase, userId: string): Promise<void> {
  if (c.ownerId === userId || (await isTierMemberAsync(deps, c, userId)) || (await isAdmin(deps, userId))) return;
  throw new DomainError("complaint.error.notAllowed", { number: c.number });
}

export function assertStatus(c: ComplaintCase, allowed: Status[], statusLabel: string): void {
  if (!allowed.includes(c.status as Status))
    throw new DomainError("complaint.error.state", { number: c.number, status: statusLabel });
}

export const ACTIVE: Status[] = ["open", "acknowledged", "waiting_customer"];

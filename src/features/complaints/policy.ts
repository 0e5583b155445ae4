// The workspace's complaint policy and tiers, and who may change them.
import { Ids, stored } from "../../infra/db/stored.ts";
import type { Deps } from "../../deps.ts";
import type { Db } from "../../infra/db/db.ts";
import { assertAdmin } from "../../people/people.ts";
import { DEFAULT_POLICY, type PolicySnapshot } from "./rules.ts";
import { WorkingHoursShape } from "./case-clock.ts";

const POLICY_ID = "default";

export async function loadPolicy(db: Db): Promise<PolicySnapshot> {
  const row = await db.complaintPolicy.findUnique({ where: { id: POLICY_ID } });
  const tiers = (await db.complaintTier.findMany({ orderBy: { tier: "asc" } })).map((t) => ({
    tier: t.tier,
    channelId: t.channelId,
    userIds: stored(Ids, t.userIds, "tier members"),
    userGroupId: t.userGroupId,
  }));
  if (!row) return { ...DEFAULT_POLICY, tiers };
  return {
    urgentAckMs: row.urgentAckMs,
    generalResolveMs: row.generalResolveMs,
    warnPercent: row.warnPercent,
    tier3RepeatMs: row.tier3RepeatMs,
    vipStartTier: row.vipStartTier,
    refundApprovalAbove: row.refundApprovalAbove,
    workingHours: row.workingHours ? stored(WorkingHoursShape, row.workingHours, "working hours") : null,
    holidays: stored(Ids, row.holidays, "holidays"),
    tiers,
  };
}

/** The bot's one admin rule (workspace admins and owners, ADMIN_USER_IDS) sets tiers and clocks. */
export function assertCanAdmin(deps: Deps, userId: string): Promise<void> {
  return assertAdmin(deps, userId, "complaint.error.admin");
}

export type PolicyPatch = Partial<Omit<PolicySnapshot, "tiers">>;

export async function savePolicy(deps: Deps, userId: string, patch: PolicyPatch): Promise<PolicySnapshot> {
  await assertCanAdmin(deps, userId);
  const current = await loadPolicy(deps.db);
  const next = { ...current, ...patch };
  const data = {
    urgentAckMs: next.urgentAckMs,
    generalResolveMs: next.generalResolveMs,
    warnPercent: next.warnPercent,
    tier3RepeatMs: next.tier3RepeatMs,
    vipStartTier: next.vipStartTier,
    refundApprovalAbove: next.refundApprovalAbove,
    workingHours: next.workingHours ? JSON.stringify(next.workingHours) : null,
    holidays: JSON.stringify(next.holidays),
    updatedBy: userId,
    updatedAt: deps.clock.now(),
  };
  await deps.db.complaintPolicy.upsert({ where: { id: POLICY_ID }, create: { id: POLICY_ID, ...data }, update: data });
  return loadPolicy(deps.db);
}

export async function saveTier(
  deps: Deps,
  userId: string,
  tier: { tier: number; channelId: string; userIds: string[]; userGroupId: string | null },
): Promise<void> {
  await assertCanAdmin(deps, userId);
  const data = {
    channelId: tier.channelId,
    userIds: JSON.stringify(tier.userIds),
    userGroupId: tier.userGroupId,
    updatedAt: deps.clock.now(),
  };
  await deps.db.complaintTier.upsert({
    where: { tier: tier.tier },
    create: { tier: tier.tier, ...data },
    update: data,
  });
}

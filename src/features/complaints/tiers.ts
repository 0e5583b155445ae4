// A case's tiers as its policy snapshot has them: a tier's channel and people, whom it calls.
import type { ComplaintCase } from "../../generated/prisma/client.ts";
import { snapshotOf } from "./case-clock.ts";

export function tierOf(c: Pick<ComplaintCase, "policy">, tier: number) {
  const found = snapshotOf(c).tiers.find((x) => x.tier === tier);
  if (!found) throw new Error(`case has no tier ${tier} in its policy snapshot`);
  return found;
}

/** The tier's people and user group as mrkdwn mentions. */
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

/** The channel a case's card and notes are in: its tier's. */
export const caseChannel = (c: Pick<ComplaintCase, "policy" | "tier">): string => tierOf(c, c.tier).channelId;

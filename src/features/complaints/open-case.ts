import type { Deps } from "../../deps.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Db } from "../../infra/db/db.ts";
import { channelTranslator } from "../../people/channels.ts";
import { DomainError } from "../../infra/errors.ts";
import { createOnce } from "../../infra/db/seen.ts";
import { userContext } from "../../people/people.ts";
import type { ComplaintCase } from "../../generated/prisma/client.ts";
import { armClock } from "./case-clock.ts";
import { tierOf, tierPeopleOf } from "./tiers.ts";
import { linkInSource, logEvent, note, postCard, tellOwner } from "./notify.ts";
import { loadPolicy } from "./policy.ts";
import { clockKindFor, startTierFor, type Cause, type Urgency } from "./rules.ts";

export interface OpenCaseInput {
  actorId: string;
  orderNo: string;
  customerName: string;
  vip: boolean;
  cause: Cause;
  urgency: Urgency;
  summary: string;
  source?: { channel?: string; ts?: string; threadTs?: string; link?: string };
  /** The request it comes from (a modal's view id): the same request opens one case. */
  requestKey?: string;
  /** More work in the same transaction (a workflow step's completion): all of it or none. */
  then?: (tx: Db, c: ComplaintCase) => Promise<void>;
}

/** Opens a case: the policy in force is copied onto it, its card is queued, its clock armed. */
export async function openCase(deps: Deps, input: OpenCaseInput): Promise<ComplaintCase> {
  const policy = await loadPolicy(deps.db);
  if (![1, 2, 3].every((n) => policy.tiers.some((t) => t.tier === n))) throw new DomainError("complaint.error.noTiers");
  const owner = await userContext(deps, input.actorId);
  const now = deps.clock.now();
  const tier = startTierFor(input.vip, policy);
  const clockKind = clockKindFor(input.urgency);
  const created = await deps.db.$transaction(async (tx) => {
    await createOnce(tx, input.requestKey, now);
    const counter = await tx.counter.upsert({
      where: { name: "complaint" },
      create: { name: "complaint", value: 1 },
      update: { value: { increment: 1 } },
    });
    let c = await tx.complaintCase.create({
      data: {
        number: counter.value,
        status: "open",
        tier,
        tierPeople: tierPeopleOf({ policy: policy as unknown as ComplaintCase["policy"] }, tier),
        startTier: tier,
        urgency: input.urgency,
        cause: input.cause,
        orderNo: input.orderNo,
        customerName: input.customerName,
        vip: input.vip,
        summary: input.summary,
        sourceChannel: input.source?.channel ?? null,
        sourceTs: input.source?.ts ?? null,
        sourceThreadTs: input.source?.threadTs ?? null,
        sourceLink: input.source?.link ?? null,
        ownerId: input.actorId,
        policy: policy as unknown as Prisma.InputJsonObject,
        clockKind,
        createdAt: now,
      },
    });
    const clock = await armClock(tx, deps.clock, c, clockKind, now);
    c = await tx.complaintCase.update({ where: { id: c.id }, data: clock });
    const cardId = await postCard(tx, deps, c, input.actorId);
    c = await tx.complaintCase.update({ where: { id: c.id }, data: { cardId } });
    // Channel messages speak the channel's language, fragments included: the owner's language is
    // for the owner's DMs only.
    const channelT = await channelTranslator(deps, tierOf(c, tier).channelId, tx);
    const params = {
      actor: input.actorId,
      number: c.number,
      urgency: channelT(`urgency.${input.urgency}`),
      cause: channelT(`cause.${input.cause}`),
      tier,
    };
    await note(tx, deps, c, "complaint.note.opened", params);
    const channel = tierOf(c, tier).channelId;
    if (input.source?.channel && (input.source.threadTs ?? input.source.ts)) {
      // Linked in the thread the agent escalated from, so the conversation points to its case.
      await linkInSource(
        tx,
        deps,
        c,
        { channel: input.source.channel, ts: input.source.threadTs ?? input.source.ts! },
        input.actorId,
      );
    }
    await tellOwner(tx, deps, c, owner.t, "complaint.created", { number: c.number, tier, channel });
    await logEvent(tx, deps, c.id, "opened", input.actorId, { tier, urgency: input.urgency, vip: input.vip });
    await input.then?.(tx, c);
    return c;
  });
  deps.wakeScheduler();
  return created;
}

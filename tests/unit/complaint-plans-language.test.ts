// A clock's warning and escalation, planned for a Chinese-speaking channel and an English-speaking
// owner: the thread's lines are wholly Chinese, the owner's DMs wholly English. Before, the clock's
// name was translated once for the channel and dropped into the owner's DM too ("response时限").
import { describe, expect, it } from "vitest";
import { planEscalation, planWarning } from "../../src/features/complaints/escalate.ts";
import type { Voices } from "../../src/features/complaints/case-plan.ts";
import { DEFAULT_POLICY } from "../../src/features/complaints/rules.ts";
import { translator } from "../../src/infra/i18n.ts";
import type { ComplaintCase } from "../../src/generated/prisma/client.ts";

const now = new Date("2026-11-28T02:00:00Z");
const c: ComplaintCase = {
  id: "case1",
  number: 7,
  version: 0,
  status: "open",
  tier: 1,
  startTier: 1,
  urgency: "urgent",
  cause: "quality",
  orderNo: "A-1",
  customerName: "Li",
  vip: false,
  summary: "broken",
  sourceChannel: null,
  sourceTs: null,
  sourceThreadTs: null,
  tierPeople: null,
  sourceLink: null,
  ownerId: "U0OWNER",
  policy: JSON.stringify({
    ...DEFAULT_POLICY,
    tiers: [1, 2, 3].map((tier) => ({ tier, channelId: `C0T${tier}`, userIds: ["U0A"], userGroupId: null })),
  }),
  clockKind: "response",
  clockGen: 1,
  clockStartedAt: now,
  deadlineAt: new Date(now.getTime() + 7200_000),
  pausedAt: null,
  remainingMs: null,
  breaches: 0,
  escalations: 0,
  cardId: "m1",
  remedy: null,
  satisfaction: null,
  createdAt: now,
  acknowledgedAt: null,
  resolvedAt: null,
  confirmedAt: null,
  closedAt: null,
};
const v: Voices = { channel: () => translator("zh-CN"), owner: translator("en"), timeZone: "Asia/Shanghai", now };
const CJK = /[\u4e00-\u9fff]/;
const LATIN_WORD = /\b(response|resolution|clock|escalated|tier)\b/i;

describe("planned complaint messages", () => {
  for (const [name, plan] of [
    ["warning", planWarning(c, "k1", v)],
    ["escalation", planEscalation(c, { actorId: null, startAt: now }, v)],
  ] as const) {
    it(`${name}: the thread in the channel's language, the owner's DM in theirs`, () => {
      const texts = plan.messages
        .map((m) => ({
          to: "channel" in m.msg ? m.msg.channel : "",
          text: String((m.msg.body as { text?: string }).text ?? ""),
        }))
        .filter((m) => m.text);
      const owner = texts.filter((m) => m.to === "U0OWNER").map((m) => m.text);
      const channel = texts.filter((m) => m.to !== "U0OWNER").map((m) => m.text);
      expect(owner.length).toBeGreaterThan(0);
      expect(channel.length).toBeGreaterThan(0);
      expect(owner.filter((x) => CJK.test(x))).toEqual([]);
      expect(channel.filter((x) => LATIN_WORD.test(x))).toEqual([]);
    });
  }
});

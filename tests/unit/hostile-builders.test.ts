// Every message builder, fed hostile strings in every field a person or a webhook can fill, in
// both languages: nothing Slack parses (a message's text, mrkdwn) may carry a broadcast mention,
// a user mention or a link that came from the data.
import { describe, expect, it } from "vitest";
import type { Campaign, CampaignItem, ComplaintCase, Review, Task } from "../../src/generated/prisma/client.ts";
import { checklistMessage } from "../../src/features/campaigns/blocks.ts";
import { builtinTemplate } from "../../src/features/campaigns/templates.ts";
import { listAnswer, policyAnswer, reportAnswer, tiersAnswer } from "../../src/features/complaints/blocks-answers.ts";
import { caseCard } from "../../src/features/complaints/blocks.ts";
import { buildReport } from "../../src/features/complaints/report.ts";
import { DEFAULT_POLICY } from "../../src/features/complaints/rules.ts";
import { helpMessage } from "../../src/features/help/blocks.ts";
import { features } from "../../src/features/index.ts";
import { alertBlocks } from "../../src/features/metrics/blocks.ts";
import { buildMatrix, matrixText } from "../../src/features/raci/matrix.ts";
import { readyDm, roleDm, taskCard } from "../../src/features/raci/blocks.ts";
import { alertMessage } from "../../src/features/reviews/blocks.ts";
import { en } from "../../src/i18n/en.ts";
import { translator, type Locale } from "../../src/infra/i18n.ts";
import { broadcastsIn, parsedTexts } from "../support/broadcast.ts";

const H = "<!channel> <!here> <!everyone|all> <@U0BOSS> <#C0SECRET> <https://evil.example|click here> &";

// One language per message: after the data (H and its escaped form) is taken out, an English
// message has no Chinese and a Chinese one no English word from the English catalogue.
const ENGLISH = new Set(
  Object.values(en).flatMap((v) => v.replace(/`[^`]*`|\{[^}]*\}|<[^>]*>/g, " ").match(/\b[a-z]{5,}\b/g) ?? []),
);
// Names with no translation in the product, kept as people type them.
const TECHNICAL = new Set([
  "webhook",
  "shopops",
  "builtin",
  "platform",
  "rating",
  "store",
  "channel",
  "orders",
  "buyers",
  "refunds",
  "double11",
]);
function expectOneLanguage(body: unknown, locale: Locale, what: string) {
  const escaped = H.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const texts = parsedTexts(body)
    .join("\n")
    .split(escaped)
    .join(" ")
    .split(H)
    .join(" ")
    .replace(/`[^`]*`/g, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/evil\.example|click here/g, " ");
  if (locale === "en")
    expect(texts.match(/[\u4e00-\u9fff]+/g) ?? [], `${what}: Chinese in an English message`).toEqual([]);
  else
    expect(
      (texts.match(/\b[a-z]{5,}\b/g) ?? []).filter((w) => ENGLISH.has(w) && !TECHNICAL.has(w)),
      `${what}: English in a Chinese message`,
    ).toEqual([]);
}
const LOCALES: Locale[] = ["en", "zh-CN"];
const now = new Date("2026-11-28T04:00:00Z");

/** Nothing from H survives as markup: no broadcast, no mention of U0BOSS, no link to evil.example. */
function expectInert(body: unknown, what: string) {
  expect(broadcastsIn(body), what).toEqual([]);
  const texts = parsedTexts(body).join("\n");
  expect(texts, what).not.toContain("<@U0BOSS>");
  expect(texts, what).not.toContain("<#C0SECRET>");
  expect(texts, what).not.toContain("<https://evil.example");
  expect(texts, what).toContain("&lt;!channel&gt;");
}

const complaint = (over: Partial<ComplaintCase> = {}): ComplaintCase => ({
  id: "case1",
  number: 7,
  version: 0,
  status: "open",
  tier: 1,
  startTier: 1,
  urgency: "urgent",
  cause: "quality",
  orderNo: H,
  customerName: H,
  vip: true,
  summary: `${H}\nsecond line ${H}`,
  sourceChannel: "C1",
  sourceTs: "1.1",
  sourceThreadTs: "1.1",
  tierPeople: ",U0A,",
  sourceLink: "https://acme.slack.com/archives/C1/p1",
  ownerId: "U0AGENT",
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
  remedy: JSON.stringify({ kind: "coupon", amount: 20, note: H, status: "pending_approval", proposedBy: "U0A" }),
  satisfaction: 4,
  createdAt: now,
  acknowledgedAt: null,
  resolvedAt: null,
  confirmedAt: null,
  closedAt: null,
  ...over,
});

const task = (over: Partial<Task> = {}): Task => ({
  id: "task1",
  number: 3,
  version: 0,
  title: H,
  description: `${H}\n${H}`,
  dueDate: "2026-12-01",
  channelId: "C0OPS",
  status: "blocked",
  rIds: JSON.stringify(["U0R"]),
  aId: "U0A",
  cIds: JSON.stringify(["U0C"]),
  iTargets: JSON.stringify(["C0I"]),
  consults: JSON.stringify({ U0C: {} }),
  blockedReason: H,
  sentBackWhy: H,
  messageId: "m1",
  link: null,
  flowId: null,
  flowStep: null,
  gen: 0,
  createdBy: "U0R",
  createdAt: now,
  doneAt: null,
  approvedAt: null,
  ...over,
});

describe("every message builder over hostile strings", () => {
  for (const locale of LOCALES) {
    const t = translator(locale);

    it(`complaint card, list, tiers, policy and report (${locale})`, () => {
      for (const status of ["open", "acknowledged", "waiting_customer", "resolved", "confirmed", "closed"]) {
        expectInert(caseCard(t, complaint({ status }), "Asia/Shanghai", now), `card ${status}`);
        expectOneLanguage(caseCard(t, complaint({ status }), "Asia/Shanghai", now), locale, `card ${status}`);
      }
      expectInert(caseCard(t, complaint(), "Asia/Shanghai", now, { tier: 2, channel: "C0T2" }), "moved card");
      const page = { cases: [complaint()], total: 41, vip: 1, urgent: 1, offset: 20, pageSize: 20 };
      expectInert(listAnswer(t, page, "Asia/Shanghai"), "list");
      expectOneLanguage(listAnswer(t, page, "Asia/Shanghai"), locale, "list");
      expectOneLanguage(reportAnswer(t, buildReport([complaint()]), "2026-11-01", "2026-11-30"), locale, "report");
      const policy = {
        ...DEFAULT_POLICY,
        holidays: ["2026-10-01"],
        tiers: [{ tier: 1, channelId: "C0T1", userIds: ["U0A"], userGroupId: "S0G" }],
      };
      expect(broadcastsIn(tiersAnswer(t, policy))).toEqual([]);
      expect(broadcastsIn(policyAnswer(t, policy))).toEqual([]);
      expect(broadcastsIn(reportAnswer(t, buildReport([complaint()]), "2026-11-01", "2026-11-30"))).toEqual([]);
    });

    it(`promotion checklist (${locale})`, () => {
      const c: Campaign = {
        id: "c1",
        number: 2,
        name: H,
        kind: "double11",
        eventDate: "2026-11-11",
        timeZone: "Asia/Shanghai",
        channelId: "C0P",
        ownerId: "U0LEAD",
        targets: "{}",
        templateId: "t1",
        status: "active",
        gen: 0,
        version: 0,
        checklistMsgId: null,
        gate: null,
        retro: null,
        mirrorList: false,
        createdAt: now,
      };
      const items: CampaignItem[] = ["T-30", "T0"].map((stage, seq) => ({
        id: `i${seq}`,
        campaignId: "c1",
        version: 0,
        stage,
        seq,
        title: JSON.stringify({ en: H, "zh-CN": H }),
        doneMeans: JSON.stringify({ en: H, "zh-CN": H }),
        role: "ops",
        ownerId: "U0LEAD",
        offsetDays: -30,
        dueDate: "2026-10-12",
        status: seq ? "na" : "open",
        doneAt: null,
        doneBy: null,
        note: H,
        naReason: H,
        gate: true,
      }));
      expectInert(
        checklistMessage(t, locale, c, items, { name: H, version: 1, body: builtinTemplate() }, "2026-11-01"),
        "checklist",
      );
      expectOneLanguage(
        checklistMessage(t, locale, c, items, { name: H, version: 1, body: builtinTemplate() }, "2026-11-01"),
        locale,
        "checklist",
      );
    });

    it(`RACI task card, role DMs and the matrix (${locale})`, () => {
      for (const status of ["open", "blocked", "ready", "approved", "waiting"]) {
        expectInert(taskCard(t, task({ status }), 4), `task ${status}`);
        expectOneLanguage(taskCard(t, task({ status }), 4), locale, `task ${status}`);
      }
      for (const role of ["r", "c", "a"] as const) expectOneLanguage(roleDm(t, role, task()), locale, `dm ${role}`);
      for (const role of ["r", "c", "a"] as const)
        expectInert(roleDm(t, role, task(), H.replace(/[<>&]/g, "")), `dm ${role}`);
      expectInert(readyDm(t, task(), "U0R"), "ready dm");
      const text = matrixText(buildMatrix([task()]), H);
      expect(broadcastsIn({ text })).toEqual([]);
      expect(text).not.toContain("<@U0BOSS>");
    });

    it(`review alert, single and grouped (${locale})`, () => {
      const review: Review = {
        id: "r1",
        platform: H,
        reviewId: "R1",
        orderId: H,
        sku: H,
        rating: 1,
        text: `投诉 ${H}`,
        reviewedAt: now,
        negative: true,
        causes: JSON.stringify(["quality"]),
        hits: JSON.stringify([H]),
        severity: "critical",
        createdAt: now,
      };
      const deps = { config: { DEFAULT_LOCALE: locale, DEFAULT_TIMEZONE: "Asia/Shanghai" } } as Parameters<
        typeof alertMessage
      >[0];
      expectInert(alertMessage(deps, H, [review]), "one review");
      expectInert(alertMessage(deps, H, [review, { ...review, id: "r2" }]), "grouped");
    });

    it(`help (${locale}) and a metric alert built from escaped text`, () => {
      expect(broadcastsIn(helpMessage(t, features, t("lang.name")))).toEqual([]);
      expectOneLanguage(helpMessage(t, features, t("lang.name")), locale, "help");
      const text = t("metrics.alert.channel", { channel: H, delta: "-5%" });
      expectInert({ text, blocks: alertBlocks(locale, text, "a1") }, "metric alert");
      expectOneLanguage(
        { text, blocks: alertBlocks(locale, text, "a1", t("metrics.alert.acked", { user: "U0A" })) },
        locale,
        "metric alert",
      );
      expectOneLanguage(
        {
          text: t("metrics.rules.show", {
            rules: t("metrics.level.warning"),
            notice: "–",
            warning: "–",
            critical: "–",
          }),
        },
        locale,
        "metric rules",
      );
    });
  }
});

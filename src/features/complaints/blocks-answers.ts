// Text answers to /complaint list, tiers, policy and report.
import type { ComplaintCase } from "../../generated/prisma/client.ts";
import { formatDuration } from "../../infra/duration.ts";
import type { Translator } from "../../infra/i18n.ts";
import { formatInZone } from "../../infra/time.ts";
import type { MessageBody } from "../../outbox/message.ts";
import { withTable, type Align } from "../../outbox/table.ts";
import { pageBlocks } from "./blocks.ts";
import { ACTION_LIST_PAGE } from "./ids.ts";
import type { CasePage } from "./queries.ts";
import { TARGET_CSAT, TARGET_FCR, type ComplaintReport } from "./report.ts";
import { CAUSES, type Cause, type PolicySnapshot, type Status } from "./rules.ts";

const pct = (t: Translator, x: number | null) => (x == null ? t("complaint.report.na") : `${(x * 100).toFixed(1)}%`);

export function caseRow(t: Translator, c: ComplaintCase, timeZone: string): string {
  const clock = c.deadlineAt ? formatInZone(c.deadlineAt, timeZone, "MM-dd HH:mm") : "–";
  return t("complaint.list.row", {
    icon: c.urgency === "urgent" ? "🔴" : "🟡",
    number: c.number,
    customer: c.customerName,
    vip: c.vip ? " ⭐" : "",
    cause: t(`cause.${c.cause as Cause}`),
    tier: c.tier,
    status: t(`cstatus.${c.status as Status}`),
    clock,
  });
}

/** /complaint list: a page of open cases, the most urgent first, with the count of the rest. */
export function listAnswer(t: Translator, page: CasePage, timeZone: string): MessageBody {
  const rows = page.cases.map((c) => `• ${caseRow(t, c, timeZone)}`);
  const text = [`*${t("complaint.list.title")}*`, ...(rows.length ? rows : [t("complaint.list.empty")])].join("\n");
  if (!page.total) return { text };
  const pager = pageBlocks(t, { ...page, shown: page.cases.length }, (offset) => ({
    action_id: ACTION_LIST_PAGE,
    value: String(offset),
  }));
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }, ...pager] };
}

export function tiersAnswer(t: Translator, p: PolicySnapshot): MessageBody {
  const rows = [1, 2, 3].map((n) => {
    const tier = p.tiers.find((x) => x.tier === n);
    if (!tier)
      return t("complaint.tiers.row", { tier: n, channel: "", people: t("complaint.tiers.none") }).replace("<#>", "–");
    const people = [
      ...tier.userIds.map((u) => `<@${u}>`),
      ...(tier.userGroupId ? [`<!subteam^${tier.userGroupId}>`] : []),
    ].join(" ");
    return t("complaint.tiers.row", { tier: n, channel: tier.channelId, people });
  });
  return { text: [`*${t("complaint.tiers.title")}*`, ...rows].join("\n") };
}

export function policyAnswer(t: Translator, p: PolicySnapshot): MessageBody {
  const wh = p.workingHours;
  return {
    text: t("complaint.policy.show", {
      urgent: formatDuration(p.urgentAckMs),
      general: formatDuration(p.generalResolveMs),
      warn: p.warnPercent,
      repeat: formatDuration(p.tier3RepeatMs),
      vipTier: p.vipStartTier,
      refund: `¥${p.refundApprovalAbove}`,
      hours: wh ? `${wh.start}-${wh.end} (${wh.days.join(",")}; ${wh.timeZone})` : t("complaint.policy.allHours"),
      holidays: p.holidays.length ? p.holidays.join(", ") : "–",
    }),
  };
}

export function reportAnswer(t: Translator, r: ComplaintReport, from: string, to: string): MessageBody {
  const causes = CAUSES.filter((c) => r.byCause[c] > 0).map((c) => `${t(`cause.${c}`)} ${r.byCause[c]}`);
  const lines = [
    `*${t("complaint.report.title", { from, to })}*`,
    t("complaint.report.total", { total: r.total, escalated: r.escalated, escalatedShare: pct(t, r.escalatedShare) }),
    t("complaint.report.byCause", { list: causes.join(" · ") || "–" }),
    t("complaint.report.byTier", { list: `1: ${r.byTier[1]} · 2: ${r.byTier[2]} · 3: ${r.byTier[3]}` }),
    t("complaint.report.sla", { response: pct(t, r.responseSla), resolution: pct(t, r.resolutionSla) }),
    t("complaint.report.times", {
      ack: reportDuration(t, r.medianAckMs),
      resolve: reportDuration(t, r.medianResolveMs),
    }),
    t("complaint.report.fcr", {
      fcr: pct(t, r.firstContactResolution),
      mark: mark(r.firstContactResolution, TARGET_FCR),
    }),
    r.satisfaction == null
      ? t("complaint.report.csatNone")
      : t("complaint.report.csat", { csat: r.satisfaction, n: r.ratings, mark: mark(r.satisfaction, TARGET_CSAT) }),
  ];
  // Shown above the table: the title and the tiers, which the table has no rows for.
  return withTable({ text: lines.join("\n") }, reportTable(t, r), [lines[0]!, lines[3]!]);
}

/** The report's figures beside their targets, one row each: the table Slack shows under the text. */
function reportTable(t: Translator, r: ComplaintReport) {
  const none = "–";
  type Row = "cases" | "escalated" | "responseSla" | "resolutionSla" | "ack" | "resolve" | "fcr" | "csat";
  const row = (key: Row, value: string, target = none, mark = "") => [
    t(`complaint.report.row.${key}`),
    value,
    target,
    mark,
  ];
  return {
    header: (["figure", "value", "target", "met"] as const).map((k) => t(`complaint.report.col.${k}`)),
    align: ["left", "right", "right", "center"] as Align[],
    rows: [
      row("cases", String(r.total)),
      row("escalated", `${r.escalated} (${pct(t, r.escalatedShare)})`),
      row("responseSla", pct(t, r.responseSla)),
      row("resolutionSla", pct(t, r.resolutionSla)),
      row("ack", reportDuration(t, r.medianAckMs)),
      row("resolve", reportDuration(t, r.medianResolveMs)),
      row("fcr", pct(t, r.firstContactResolution), "85%", mark(r.firstContactResolution, TARGET_FCR)),
      row(
        "csat",
        r.satisfaction == null ? t("complaint.report.na") : `${r.satisfaction}/5 (${r.ratings})`,
        "4.8",
        mark(r.satisfaction, TARGET_CSAT),
      ),
      ...CAUSES.filter((c) => r.byCause[c] > 0).map((c) => [
        t(`cause.${c}`),
        `${r.byCause[c]} (${pct(t, r.total ? r.byCause[c] / r.total : null)})`,
        none,
        "",
      ]),
    ],
  };
}

/** A median time as people read it: "n/a" when there is none, "under 1s" rather than "0s". */
function reportDuration(t: Translator, ms: number | null): string {
  if (ms == null) return t("complaint.report.na");
  if (ms < 1000) return t("complaint.report.underSecond");
  return formatDuration(ms);
}

const mark = (x: number | null, target: number) => (x == null ? "" : x >= target ? "✅" : "⚠️");

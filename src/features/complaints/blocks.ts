// Block Kit for complaints: pure functions from a case and a locale to blocks.
import { stored } from "../../infra/db/stored.ts";
import type { ActionsBlockElement, Button, KnownBlock } from "@slack/types";
import { esc } from "../../infra/markup.ts";
import type { ComplaintCase } from "../../generated/prisma/client.ts";
import { formatDuration } from "../../infra/duration.ts";
import type { Translator } from "../../infra/i18n.ts";
import { formatInZone } from "../../infra/time.ts";
import type { Grouping, MessageBody } from "../../outbox/message.ts";
import { ACTION, type ActionName } from "./ids.ts";
import type { Cause, Status, Urgency } from "./rules.ts";
import { RemedyShape, remedyText, type Remedy } from "./remedy.ts";

const plain = (text: string) => ({ type: "plain_text" as const, text: text.slice(0, 150), emoji: true });
const md = (text: string) => ({ type: "mrkdwn" as const, text });

function clockLine(t: Translator, c: ComplaintCase, timeZone: string, now: Date): string | undefined {
  if (c.status === "waiting_customer" && c.remainingMs != null)
    return t("complaint.card.clock.paused", { left: formatDuration(c.remainingMs) });
  if (!c.deadlineAt || c.clockKind === "none") return undefined;
  const deadline = `${formatInZone(c.deadlineAt, timeZone, "MM-dd HH:mm")} (${timeZone})`;
  if (c.deadlineAt <= now) return t("complaint.card.clock.overdue", { deadline });
  return t(c.clockKind === "response" ? "complaint.card.clock.response" : "complaint.card.clock.resolution", {
    deadline,
  });
}

function button(
  t: Translator,
  name: ActionName,
  c: Pick<ComplaintCase, "id" | "version">,
  style?: "primary" | "danger",
): Button {
  const labels: Record<ActionName, Parameters<Translator>[0]> = {
    ack: "complaint.btn.ack",
    escalate: "complaint.btn.escalate",
    remedy: "complaint.btn.remedy",
    approve: "complaint.btn.approve",
    reject: "complaint.btn.reject",
    waiting: "complaint.btn.waiting",
    resume: "complaint.btn.resume",
    resolve: "complaint.btn.resolve",
    confirm: "complaint.btn.confirm",
    rate: "complaint.btn.rate",
    reopen: "complaint.btn.reopen",
  };
  return {
    type: "button",
    action_id: ACTION[name],
    text: plain(t(labels[name])),
    value: `${c.id}.${c.version}`,
    ...(style ? { style } : {}),
  };
}

function actionsFor(t: Translator, c: ComplaintCase, remedy: Remedy | null) {
  const s = c.status as Status;
  const els: ActionsBlockElement[] = [];
  if (remedy?.status === "pending_approval")
    els.push(button(t, "approve", c, "primary"), button(t, "reject", c, "danger"));
  if (s === "open" && c.clockKind === "response") els.push(button(t, "ack", c, "primary"));
  if (s === "open" || s === "acknowledged") els.push(button(t, "waiting", c));
  if (s === "waiting_customer") els.push(button(t, "resume", c));
  if (["open", "acknowledged", "waiting_customer"].includes(s)) {
    if (c.tier < 3) els.push(button(t, "escalate", c, "danger"));
    els.push(button(t, "remedy", c), button(t, "resolve", c, "primary"));
  }
  if (s === "resolved") els.push(button(t, "confirm", c, "primary"));
  if (s === "confirmed") {
    els.push({
      type: "static_select",
      action_id: ACTION.rate,
      placeholder: plain(t("complaint.btn.rate")),
      options: [1, 2, 3, 4, 5].map((n) => ({ text: plain("★".repeat(n)), value: `${c.id}.${c.version}:${n}` })),
    });
  }
  if (s === "resolved" || s === "confirmed" || s === "closed") els.push(button(t, "reopen", c));
  return els.slice(0, 25);
}

export function caseCard(
  t: Translator,
  c: ComplaintCase,
  timeZone: string,
  now: Date,
  movedTo?: { tier: number; channel: string },
): MessageBody {
  const remedy = c.remedy ? stored(RemedyShape, c.remedy, "complaint remedy") : null;
  const icon = c.status === "closed" ? "✅" : c.urgency === "urgent" ? "🔴" : "🟡";
  const title = t("complaint.card.title", {
    icon,
    number: c.number,
    urgency: t(`urgency.${c.urgency as Urgency}`),
    tier: c.tier,
  });
  const blocks: KnownBlock[] = [
    { type: "section", text: md(`*${title}*`) },
    {
      type: "section",
      fields: [
        md(t("complaint.card.customer", { customer: c.customerName, vip: c.vip ? t("complaint.card.vip") : "" })),
        md(t("complaint.card.order", { order: c.orderNo })),
        md(t("complaint.card.cause", { cause: t(`cause.${c.cause as Cause}`) })),
        md(t("complaint.card.owner", { owner: c.ownerId })),
        md(t("complaint.card.status", { status: t(`cstatus.${c.status as Status}`) })),
      ],
    },
    { type: "section", text: md(`>${esc(c.summary.slice(0, 2500)).replace(/\n/g, "\n>")}`) },
  ];
  const context: string[] = [];
  const clock = movedTo ? undefined : clockLine(t, c, timeZone, now);
  if (clock) context.push(clock);
  if (remedy) {
    const suffix =
      remedy.status === "pending_approval"
        ? t("complaint.card.remedy.pending")
        : remedy.status === "approved" && remedy.decidedBy
          ? t("complaint.card.remedy.approved", { by: remedy.decidedBy })
          : remedy.status === "rejected" && remedy.decidedBy
            ? t("complaint.card.remedy.rejected", { by: remedy.decidedBy })
            : "";
    context.push(t("complaint.card.remedy", { remedy: remedyText(t, remedy) }) + suffix);
  }
  if (c.satisfaction)
    context.push(t("complaint.card.satisfaction", { stars: "★".repeat(c.satisfaction), score: c.satisfaction }));
  if (c.sourceLink) context.push(t("complaint.card.source", { link: c.sourceLink }));
  if (context.length) blocks.push({ type: "context", elements: context.map(md) });
  if (movedTo) {
    blocks.push({
      type: "section",
      text: md(t("complaint.card.escalatedAway", { tier: movedTo.tier, channel: movedTo.channel })),
    });
  } else {
    const actions = actionsFor(t, c, remedy);
    if (actions.length) blocks.push({ type: "actions", block_id: `case:${c.id}`, elements: actions });
  }
  return { text: title, blocks };
}

/** A page of cases: how many in all (VIP, urgent), and buttons to the pages around it. */
export function pageBlocks(
  t: Translator,
  p: { total: number; vip: number; urgent: number; offset: number; pageSize: number; shown: number },
  button: (offset: number) => { action_id: string; value: string },
): KnownBlock[] {
  const counts = t("complaint.page.counts", {
    total: p.total,
    vip: p.vip,
    urgent: p.urgent,
    from: p.total ? p.offset + 1 : 0,
    to: p.offset + p.shown,
  });
  const buttons: Button[] = [];
  if (p.offset > 0)
    buttons.push({
      type: "button",
      text: plain(t("complaint.page.prev")),
      ...button(Math.max(0, p.offset - p.pageSize)),
    });
  if (p.offset + p.shown < p.total) {
    const n = Math.min(p.pageSize, p.total - p.offset - p.shown);
    buttons.push({ type: "button", text: plain(t("complaint.page.next", { n })), ...button(p.offset + p.pageSize) });
  }
  return [
    { type: "context", elements: [md(counts)] },
    ...(buttons.length ? [{ type: "actions" as const, elements: buttons }] : []),
  ];
}

/** App Home: the cases waiting for this person, one line each, a page at a time. */
export function homeBlocks(
  t: Translator,
  rows: string[],
  page: Parameters<typeof pageBlocks>[1],
  button: Parameters<typeof pageBlocks>[2],
): KnownBlock[] {
  return [
    { type: "section", text: md([t("complaint.home.title"), ...rows.map((r) => `• ${r}`)].join("\n")) },
    ...pageBlocks(t, page, button),
    { type: "divider" },
  ];
}

/** VIPs first, then urgent cases, then the rest: the order a roll-up lists cases in. */
export const caseRank = (c: Pick<ComplaintCase, "vip" | "urgency">): number =>
  c.vip ? 0 : c.urgency === "urgent" ? 1 : 2;

/** A case's line in a roll-up: number, customer, cause, deadline and owner (named, not pinged). */
export function caseLine(t: Translator, c: ComplaintCase, timeZone: string, extra = ""): string {
  return t("complaint.rollup.line", {
    icon: c.urgency === "urgent" ? "🔴" : "🟡",
    number: c.number,
    customer: c.customerName,
    vip: c.vip ? " ⭐ VIP" : "",
    cause: t(`cause.${c.cause as Cause}`),
    clock: c.deadlineAt ? formatInZone(c.deadlineAt, timeZone, "MM-dd HH:mm") : "–",
    owner: c.ownerId,
    extra: extra ? ` · ${extra}` : "",
  });
}

/**
 * The case's news as an item a roll-up can hold: under a burst, cards, notes and DMs of one kind
 * in one channel (or one person's DM) become one message that lists the cases.
 */
export function caseNews(
  key:
    | "complaint.opened"
    | "complaint.escalated"
    | "complaint.moved"
    | "complaint.notes"
    | "complaint.owner"
    | "complaint.linked",
  t: Translator,
  c: ComplaintCase,
  timeZone: string,
  o: { tier?: number; mentions?: string[]; extra?: string } = {},
): Grouping {
  const title = key === "complaint.linked" ? "complaint.opened" : key;
  return {
    key,
    item: {
      line: caseLine(t, c, timeZone, o.extra),
      rank: caseRank(c),
      head: { title: `rollup.${title}`, params: { tier: o.tier ?? c.tier }, locale: t.locale, mentions: o.mentions },
    },
  };
}

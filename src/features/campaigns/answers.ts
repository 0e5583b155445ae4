// Answers to /promo list and /promo calendar.
import type { Deps } from "../../deps.ts";
import type { Translator } from "../../infra/i18n.ts";
import { shiftDate, todayIn } from "../../infra/time.ts";
import { marketingCalendar, type Kind } from "./rules.ts";
import type { MessageBody } from "../../outbox/message.ts";
import { withTable, type Cell } from "../../outbox/table.ts";

/** How many promotions /promo list shows; the rest are counted. */
export const LIST_MAX = 20;

/**
 * /promo list: the running promotions soonest first, then finished or cancelled ones (latest
 * first), at most LIST_MAX, each with its progress counted in SQL, and how many more there are.
 * The text lists them; the table under it (Slack's table block) has one column per fact.
 */
export async function listAnswer(deps: Deps, t: Translator): Promise<MessageBody> {
  const running = await deps.db.campaign.findMany({
    where: { status: "active" },
    orderBy: { eventDate: "asc" },
    take: LIST_MAX,
  });
  const others =
    running.length < LIST_MAX
      ? await deps.db.campaign.findMany({
          where: { status: { not: "active" } },
          orderBy: { eventDate: "desc" },
          take: LIST_MAX - running.length,
        })
      : [];
  const campaigns = [...running, ...others];
  if (campaigns.length === 0) return { text: t("promo.list.empty") };
  const total = await deps.db.campaign.count();
  const counts = await deps.db.campaignItem.groupBy({
    by: ["campaignId", "status"],
    where: { campaignId: { in: campaigns.map((c) => c.id) } },
    _count: { _all: true },
  });
  const countOf = (id: string, which: (status: string) => boolean) =>
    counts.filter((x) => x.campaignId === id && which(x.status)).reduce((n, x) => n + x._count._all, 0);
  const facts = campaigns.map((c) => ({
    number: c.number,
    name: c.name,
    kind: t(`kind.${c.kind as Kind}`),
    date: c.eventDate,
    done: countOf(c.id, (s) => s === "done"),
    total: countOf(c.id, (s) => s !== "na"),
    channel: c.channelId,
    status: t(`promo.status.${c.status as "active"}`),
  }));
  const more = total - campaigns.length;
  const title = `*${t("promo.list.title")}*`;
  const tail = more > 0 ? [t("promo.list.more", { count: more })] : [];
  const text = [title, ...facts.map((f) => t("promo.list.row", f)), ...tail].join("\n");
  const cols = ["number", "name", "kind", "date", "done", "channel", "status"] as const;
  return withTable(
    { text },
    {
      header: cols.map((k) => t(`promo.list.col.${k}`)),
      align: ["right", "left", "left", "left", "right", "left", "left"],
      rows: facts.map((f): Cell[] => [
        `#${f.number}`,
        f.name,
        f.kind,
        f.date,
        `${f.done}/${f.total}`,
        { channel: f.channel },
        f.status,
      ]),
    },
    [title, ...tail],
  );
}

/** The year's big promotions with their start-preparing day, and the team's own promotions. */
export const ACTION_CREATE_FROM_CALENDAR = "promo_calendar_create";

/** The calendar with a "create" button for each coming big promotion not yet planned. */
export async function calendarMessage(deps: Deps, t: Translator, year?: number) {
  const text = await calendarText(deps, t, year);
  const today = todayIn(deps.clock.now(), deps.config.DEFAULT_TIMEZONE);
  const y = year ?? Number(today.slice(0, 4));
  const planned = await deps.db.campaign.findMany({ where: { status: "active" } });
  const open = [...marketingCalendar(y), ...marketingCalendar(y + 1)]
    .filter(
      (e) =>
        e.date >= today && !planned.some((c) => c.kind === e.kind && c.eventDate.slice(0, 4) === e.date.slice(0, 4)),
    )
    .slice(0, 4);
  const buttons = open.map((e) => ({
    type: "button",
    action_id: `${ACTION_CREATE_FROM_CALENDAR}_${e.kind}_${e.date}`,
    text: { type: "plain_text", text: `+ ${t(`kind.${e.kind}`)} ${e.date}` },
    value: `${e.kind}|${e.date}`,
  }));
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text } },
      ...(buttons.length ? [{ type: "actions", elements: buttons }] : []),
    ],
  };
}

export async function calendarText(deps: Deps, t: Translator, year?: number): Promise<string> {
  const today = todayIn(deps.clock.now(), deps.config.DEFAULT_TIMEZONE);
  const y = year ?? Number(today.slice(0, 4));
  const events = [...marketingCalendar(y), ...marketingCalendar(y + 1)]
    .filter((e) => (year ? e.date.startsWith(String(y)) : e.date >= today))
    .slice(0, 6);
  const campaigns = await deps.db.campaign.findMany({ where: { status: "active" } });
  const rows = events.map((e) => {
    const planned = campaigns.find((c) => c.kind === e.kind && c.eventDate.slice(0, 4) === e.date.slice(0, 4));
    // The playbook's checklist starts at T-30; a big promotion's earlier kick-off (T-91) is advice,
    // so only a missed T-30 is called late.
    const checklistFrom = shiftDate(e.date, -30);
    const state = planned
      ? t("promo.calendar.planned", { number: planned.number })
      : checklistFrom <= today && e.date >= today
        ? t("promo.calendar.late")
        : "";
    const kickoff = e.prepareFrom < checklistFrom ? t("promo.calendar.kickoff", { date: e.prepareFrom }) : "";
    return t("promo.calendar.row", { date: e.date, kind: t(`kind.${e.kind}`), prepare: checklistFrom, kickoff, state });
  });
  const own = campaigns
    .filter(
      (c) =>
        (c.kind === "custom" || c.kind === "brandday") &&
        (year ? c.eventDate.startsWith(String(y)) : c.eventDate >= today),
    )
    .map((c) => t("promo.calendar.own", { date: c.eventDate, name: c.name, number: c.number }));
  // Without a year the calendar is "what comes next", which may run into next year: say so.
  const years = [...new Set(events.map((e) => e.date.slice(0, 4)))];
  const title =
    year || years.length <= 1
      ? t("promo.calendar.title", { year: years[0] ?? String(y) })
      : t("promo.calendar.titleSpan", { from: years[0]!, to: years[years.length - 1]! });
  return [`*${title}*`, ...rows, ...own, t("promo.calendar.hint")].join("\n");
}

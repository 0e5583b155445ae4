// The T+ retrospective: actuals against targets, factors, five whys, actions, late items, and
// the comparison with the previous promotion (环比) and the same one last year (同比).
import { z } from "zod";
import { stored } from "../../infra/db/stored.ts";
import { recordAction } from "../../audit/audit.ts";
import { esc } from "../../infra/markup.ts";
import { isAdmin } from "../../people/people.ts";
import type { Deps } from "../../deps.ts";
import { DomainError } from "../../infra/errors.ts";
import { translator, type Locale, type Translator } from "../../infra/i18n.ts";
import { channelLocale } from "../../people/channels.ts";
import { todayIn } from "../../infra/time.ts";
import type { Campaign, CampaignItem } from "../../generated/prisma/client.ts";
import { textIn } from "./rules.ts";
import { findCampaign } from "./manage.ts";
import { pct, retroFigures, TargetsShape, type Actuals, type Targets } from "./rules.ts";
import { change, money, planTable } from "./retro-table.ts";
import type { MessageBody } from "../../outbox/message.ts";
import { withTable } from "../../outbox/table.ts";
import { retroCanvas } from "./retro-canvas.ts";

export interface RetroAction {
  action: string;
  owner: string;
  deadline: string;
  acceptance: string;
}
export interface Retro {
  actuals: Actuals;
  success: string;
  failure: string;
  whys: string[];
  actions: RetroAction[];
  by: string;
}

const RetroShape = z.object({
  actuals: z.object({
    gmv: z.number(),
    newCustomers: z.number(),
    spend: z.number(),
    uv: z.number(),
    buyers: z.number(),
  }),
  success: z.string(),
  failure: z.string(),
  whys: z.array(z.string()),
  actions: z.array(z.object({ action: z.string(), owner: z.string(), deadline: z.string(), acceptance: z.string() })),
  by: z.string(),
});

export async function saveRetro(deps: Deps, ref: string, actorId: string, retro: Omit<Retro, "by">): Promise<Campaign> {
  const c = await findCampaign(deps, ref);
  if (c.ownerId !== actorId && !(await isAdmin(deps, actorId)))
    throw new DomainError("promo.error.notOwner", { owner: c.ownerId });
  return deps.db.$transaction(async (tx) => {
    const saved = await tx.campaign.update({
      where: { id: c.id },
      data: { retro: JSON.stringify({ ...retro, by: actorId }) },
    });
    await recordAction(tx, deps.clock, {
      actorId,
      feature: "promo",
      action: c.retro ? "retro_updated" : "retro_saved",
      objectType: "promotion",
      objectId: c.id,
      objectLabel: `#${c.number} ${c.name}`,
      after: `GMV ${retro.actuals.gmv}`,
      channel: c.channelId,
    });
    return saved;
  });
}

/**
 * The report goes to the promotion's channel, in its language, once per submitted form, and the
 * retrospective's canvas there is made or brought up to date (retro-canvas.ts).
 */
export async function postRetroReport(deps: Deps, c: Campaign, actorId: string, formId: string): Promise<void> {
  const locale = await channelLocale(deps, c.channelId);
  const t = translator(locale);
  const facts = await retroFacts(deps, c, locale, todayIn(deps.clock.now(), c.timeZone));
  // The canvas carries the report as its channel message: sent with a line pointing at the canvas,
  // or alone where the workspace can't use canvases.
  await deps.outbox.enqueue(deps.db, {
    kind: "canvas",
    channel: c.channelId,
    canvas: retroCanvas(c, t, {
      ...facts.retro,
      late: facts.late,
      plan: planTable(t, facts.targets, facts.retro.actuals, actualsOf(facts.prev), actualsOf(facts.lastYear)),
    }),
    body: retroMessage(c, t, facts),
    actorId,
    dedupeKey: `retro:view:${formId}`,
  });
}

/** A Slack user id becomes a mention; a name typed as text stays as typed. */
const who = (owner: string) => (/^[UW][A-Z0-9]+$/.test(owner) ? `<@${owner}>` : esc(owner));

export interface LateItem {
  title: string;
  ownerId: string;
  dueDate: string;
}

function lateItems(items: CampaignItem[], today: string, locale: Locale): LateItem[] {
  return items
    .filter(
      (i) =>
        i.status !== "na" &&
        (i.status === "open" ? i.dueDate < today : i.doneAt && i.doneAt.toISOString().slice(0, 10) > i.dueDate),
    )
    .map((i) => ({ title: textIn(i.title, locale), ownerId: i.ownerId, dueDate: i.dueDate }));
}

function compareLine(
  t: Translator,
  which: "promo.report.prev" | "promo.report.lastYear",
  other: Campaign | undefined,
  mine: Retro,
) {
  if (!other?.retro) return [];
  const r = stored(RetroShape, other.retro, "retrospective");
  const roi = (x: Retro) => (x.actuals.spend > 0 ? x.actuals.gmv / x.actuals.spend : 0);
  return [
    t("promo.report.compare", {
      which: t(which),
      name: other.name,
      date: other.eventDate,
      gmv: change(mine.actuals.gmv, r.actuals.gmv),
      newCustomers: change(mine.actuals.newCustomers, r.actuals.newCustomers),
      roi: change(roi(mine), roi(r)),
    }),
  ];
}

/** What a retrospective's report and canvas are drawn from. */
export interface RetroFacts {
  retro: Retro;
  targets: Targets;
  late: LateItem[];
  prev?: Campaign;
  lastYear?: Campaign;
}

export async function retroFacts(deps: Deps, c: Campaign, locale: Locale, today: string): Promise<RetroFacts> {
  if (!c.retro) throw new DomainError("promo.report.noRetro", { number: c.number });
  const retro = stored(RetroShape, c.retro, "retrospective");
  const targets: Targets = stored(TargetsShape, c.targets, "promotion targets");
  const items = await deps.db.campaignItem.findMany({ where: { campaignId: c.id }, orderBy: { seq: "asc" } });
  const earlier = await deps.db.campaign.findMany({
    where: { id: { not: c.id }, eventDate: { lt: c.eventDate }, status: "active" },
    orderBy: { eventDate: "desc" },
  });
  const lastYear = earlier.find(
    (x) =>
      x.kind === c.kind &&
      c.kind !== "custom" &&
      x.eventDate.slice(0, 4) === String(Number(c.eventDate.slice(0, 4)) - 1),
  );
  return { retro, targets, late: lateItems(items, today, locale), prev: earlier.find((x) => x.retro), lastYear };
}

/** The actuals of another promotion's retrospective, if it has one. */
export const actualsOf = (x: Campaign | undefined) =>
  x?.retro ? stored(RetroShape, x.retro, "retrospective").actuals : undefined;

export async function retroReport(
  deps: Deps,
  c: Campaign,
  t: Translator,
  locale: Locale,
  today: string,
): Promise<MessageBody> {
  const facts = await retroFacts(deps, c, locale, today);
  return retroMessage(c, t, facts);
}

export function retroMessage(c: Campaign, t: Translator, facts: RetroFacts): MessageBody {
  const { retro: r, targets, prev, lastYear } = facts;
  const f = retroFigures(targets, r.actuals);
  const late = facts.late.map((i) => `${esc(i.title)} (<@${esc(i.ownerId)}>, ${i.dueDate})`);
  // The figures' lines are the text's: the table under the shown lines has them.
  const figures = [
    t("promo.report.gmv", {
      target: targets.gmv ? money(targets.gmv) : "–",
      actual: money(r.actuals.gmv),
      attainment: pct(f.gmvAttainment),
    }),
    t("promo.report.newCustomers", {
      target: targets.newCustomers ? money(targets.newCustomers) : "–",
      actual: money(r.actuals.newCustomers),
      attainment: pct(f.newCustomerAttainment),
    }),
    t("promo.report.roi", {
      roi: f.roi == null ? "–" : `${f.roi.toFixed(2)}:1`,
      target: targets.roi ? `${targets.roi}:1` : "–",
      spend: money(r.actuals.spend),
      budgetUse: pct(f.budgetUse),
    }),
    t("promo.report.uv", {
      uv: money(r.actuals.uv),
      uvValue: f.uvValue == null ? "–" : f.uvValue.toFixed(2),
      conversion: pct(f.conversion, 2),
    }),
  ];
  const lines = [
    `*${t("promo.report.title", { number: c.number, name: c.name, date: c.eventDate })}*`,
    ...compareLine(t, "promo.report.prev", prev, r),
    ...compareLine(t, "promo.report.lastYear", lastYear, r),
    r.success ? t("promo.report.success", { text: r.success }) : "",
    r.failure ? t("promo.report.failure", { text: r.failure }) : "",
    r.whys.length ? t("promo.report.whys", { text: r.whys.map((w, i) => `${i + 1}. ${w}`).join(" → ") }) : "",
    r.actions.length
      ? t("promo.report.actions", {
          list: r.actions.map((a) => t("promo.report.action", { ...a, owner: who(a.owner) })).join("\n"),
        })
      : "",
    late.length ? t("promo.report.late", { list: late.join("; ") }) : t("promo.report.noLate"),
  ];
  const shown = lines.filter(Boolean);
  return withTable(
    { text: [shown[0]!, ...figures, ...shown.slice(1)].join("\n") },
    planTable(t, targets, r.actuals, actualsOf(prev), actualsOf(lastYear)),
    shown,
  );
}

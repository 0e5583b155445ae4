// Acknowledging a T0 alert from its card, through the one acknowledgment of alerts
// (metrics/acknowledge-alert.ts): the card then names who did and keeps its runbooks to hand.
import { z } from "zod";
import type { Deps } from "../../../deps.ts";
import { storedOr } from "../../../infra/db/stored.ts";
import { DomainError } from "../../../infra/errors.ts";
import { channelLocale } from "../../../people/channels.ts";
import { translator } from "../../../infra/i18n.ts";
import { acknowledge } from "../../metrics/acknowledge-alert.ts";
import { findingText, redrawT0Alert } from "./notify.ts";
import type { Finding } from "./plan.ts";
import { runbooksOf } from "./runbook-row.ts";

const Detail = z.object({ campaignId: z.string(), finding: z.unknown() });

export async function acknowledgeT0(
  deps: Deps,
  ref: { alertId: string; seen: number },
  userId: string,
): Promise<{ ok: true } | { ok: false; status: string }> {
  const a = await deps.db.metricAlert.findUnique({ where: { id: ref.alertId } });
  if (!a || !a.rule.startsWith("t0.")) return { ok: false, status: "gone" };
  // Everything the new card needs is read before the transaction (SQLite has one connection).
  const detail = storedOr(Detail, a.detail, { campaignId: "", finding: null });
  const c = await deps.db.campaign.findUnique({ where: { id: detail.campaignId } });
  const channel = a.messageId
    ? (await deps.db.outboxMessage.findUnique({ where: { id: a.messageId } }))?.channel
    : undefined;
  const locale = await channelLocale(deps, channel ?? c?.channelId ?? "");
  const t = translator(locale);
  const text =
    c && detail.finding
      ? findingText(t, detail.finding as Finding, { name: c.name, number: c.number, store: a.store })
      : a.rule;
  const runbooks = c ? (await runbooksOf(deps.db, c)).map((r) => ({ key: r.key, title: r.title[locale] })) : [];
  const r = await acknowledge(deps, {
    alertId: a.id,
    userId,
    seen: ref.seen,
    audit: {
      feature: "promo",
      action: "t0_alert_acknowledged",
      label: (x) => (c ? `#${c.number} ${c.name} ${x.store} ${x.date} ${x.level}` : `${x.store} ${x.date} ${x.level}`),
      channel: channel ?? null,
    },
    redraw: (tx, x) => redrawT0Alert(tx, deps, x, { t, locale, text, campaignId: detail.campaignId, userId, runbooks }),
  });
  if (r.done) return { ok: true };
  return { ok: false, status: r.status === "missing" ? "gone" : r.status };
}

/** Refuses a press on a T0 alert that is no longer there (deleted with its promotion). */
export async function assertAlertLive(deps: Deps, alertId: string): Promise<void> {
  if (!(await deps.db.metricAlert.findUnique({ where: { id: alertId }, select: { id: true } })))
    throw new DomainError("t0.alert.gone", { status: "gone" });
}

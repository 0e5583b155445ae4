// Acknowledging (or snoozing) an alert: the one way, for the daily anomaly alerts and the T0 war
// room's hourly alerts alike. One of two presses wins (here or on another replica): the status
// change, the card's edit and the audit row are one conditional claim on the alert.
import { recordAction } from "../../audit/audit.ts";
import { z } from "zod";
import { stored } from "../../infra/db/stored.ts";
import type { Deps } from "../../deps.ts";
import { claim } from "../../infra/db/claim.ts";
import type { Db } from "../../infra/db/db.ts";
import type { Locale } from "../../infra/i18n.ts";
import { localTime, shiftDate, todayIn } from "../../infra/time.ts";
import type { MetricAlert } from "../../generated/prisma/client.ts";
import { snoozeMetric } from "./alert-settings.ts";
import { redrawAlert } from "./notify.ts";

const AlertDetail = z.object({ text: z.string() }).passthrough();

export type AlertAnswer = { done: true } | { done: false; status: string } | { done: false; status: "missing" };

export interface Acknowledgement {
  alertId: string;
  userId: string;
  /** The version the person saw (a T0 card carries it); the alert's own when not given. */
  seen?: number;
  snooze?: boolean;
  /** What the audit trail calls it, and where it happened. */
  audit: { feature: "metrics" | "promo"; action: string; label: (a: MetricAlert) => string; channel?: string | null };
  /** The alert's card as it reads once acknowledged (in the transaction that changes it). */
  redraw: (tx: Db, a: MetricAlert, status: "acknowledged" | "snoozed") => Promise<void>;
}

export async function acknowledge(deps: Deps, k: Acknowledgement): Promise<AlertAnswer> {
  const alert = await deps.db.metricAlert.findUnique({ where: { id: k.alertId } });
  if (!alert) return { done: false, status: "missing" };
  if (alert.status !== "open") return { done: false, status: alert.status };
  const status = k.snooze ? "snoozed" : "acknowledged";
  const won = await deps.db.$transaction(async (tx) => {
    const version = k.seen ?? alert.version;
    if (!(await claim(tx, "MetricAlert", { id: alert.id, version, statuses: ["open"] }))) return false;
    await tx.metricAlert.update({ where: { id: alert.id }, data: { status } });
    await recordAction(tx, deps.clock, {
      actorId: k.userId,
      feature: k.audit.feature,
      action: k.audit.action,
      objectType: "alert",
      objectId: alert.id,
      objectLabel: k.audit.label(alert),
      before: "open",
      after: status,
      channel: k.audit.channel ?? null,
    });
    await k.redraw(tx, alert, status);
    return true;
  });
  if (won) return { done: true };
  return { done: false, status: (await deps.db.metricAlert.findUnique({ where: { id: alert.id } }))?.status ?? status };
}

/** A daily anomaly alert, acknowledged or snoozed until 09:00 tomorrow (team time) from its card. */
export async function acknowledgeAlert(
  deps: Deps,
  o: { alertId: string; userId: string; snooze: boolean; locale: Locale },
): Promise<AlertAnswer> {
  const tz = deps.config.DEFAULT_TIMEZONE;
  // Snoozed until 09:00 tomorrow, team time: the next morning's data gets a fresh look.
  const until = localTime(shiftDate(todayIn(deps.clock.now(), tz), 1), "09:00", tz);
  const r = await acknowledge(deps, {
    alertId: o.alertId,
    userId: o.userId,
    snooze: o.snooze,
    audit: {
      feature: "metrics",
      action: o.snooze ? "alert_snoozed" : "alert_acknowledged",
      label: (a) => `${a.store} ${a.metric} ${a.date} ${a.level}`,
    },
    redraw: (tx, a) =>
      redrawAlert(tx, deps, a, stored(AlertDetail, a.detail, "metric alert").text, {
        locale: o.locale,
        userId: o.userId,
        snoozedUntil: o.snooze ? until : undefined,
      }),
  });
  if (r.done && o.snooze) {
    const a = await deps.db.metricAlert.findUniqueOrThrow({ where: { id: o.alertId } });
    await snoozeMetric(deps, a.store, a.metric, until);
  }
  return r;
}

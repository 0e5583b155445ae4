// Acknowledge or snooze an anomaly alert. One of two presses wins (here or on another replica):
// the status change and the card's edit are one conditional claim on the alert.
import { recordAction } from "../../audit/audit.ts";
import { z } from "zod";
import { stored } from "../../infra/stored.ts";
import type { Deps } from "../../deps.ts";
import { claim } from "../../infra/claim.ts";
import { t, type Locale } from "../../infra/i18n.ts";
import { formatWithZone, localTime, shiftDate, todayIn } from "../../infra/time.ts";
import { snoozeMetric } from "./alert-settings.ts";
import { alertBlocks } from "./blocks.ts";

const AlertDetail = z.object({ text: z.string() }).passthrough();

export type AlertAnswer = { done: true } | { done: false; status: string } | { done: false; status: "missing" };

export async function acknowledgeAlert(
  deps: Deps,
  o: { alertId: string; userId: string; snooze: boolean; locale: Locale },
): Promise<AlertAnswer> {
  const alert = await deps.db.metricAlert.findUnique({ where: { id: o.alertId } });
  if (!alert) return { done: false, status: "missing" };
  if (alert.status !== "open") return { done: false, status: alert.status };
  const tz = deps.config.DEFAULT_TIMEZONE;
  // Snoozed until 09:00 tomorrow, team time: the next morning's data gets a fresh look.
  const until = localTime(shiftDate(todayIn(deps.clock.now(), tz), 1), "09:00", tz);
  const footer = o.snooze
    ? t(o.locale, "metrics.alert.snoozed", { user: o.userId, until: formatWithZone(until, tz) })
    : t(o.locale, "metrics.alert.acked", { user: o.userId });
  const text = stored(AlertDetail, alert.detail, "metric alert").text;
  const won = await deps.db.$transaction(async (tx) => {
    if (!(await claim(tx, "MetricAlert", { id: alert.id, version: alert.version, statuses: ["open"] }))) return false;
    await tx.metricAlert.update({ where: { id: alert.id }, data: { status: o.snooze ? "snoozed" : "acknowledged" } });
    await recordAction(tx, deps.clock, {
      actorId: o.userId,
      feature: "metrics",
      action: o.snooze ? "alert_snoozed" : "alert_acknowledged",
      objectType: "alert",
      objectId: alert.id,
      objectLabel: `${alert.store} ${alert.metric} ${alert.date} ${alert.level}`,
      before: "open",
      after: o.snooze ? "snoozed" : "acknowledged",
    });
    if (alert.messageId)
      await deps.outbox.enqueue(tx, {
        kind: "update",
        targetId: alert.messageId,
        body: { text, blocks: alertBlocks(o.locale, text, alert.id, footer) },
      });
    return true;
  });
  if (!won)
    return {
      done: false,
      status: (await deps.db.metricAlert.findUnique({ where: { id: alert.id } }))?.status ?? "acknowledged",
    };
  if (o.snooze) await snoozeMetric(deps, alert.store, alert.metric, until);
  return { done: true };
}

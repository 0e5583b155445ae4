// What the metrics feature says, and where: an anomaly alert posted to its level's channel, and
// the alert's card redrawn once someone acknowledged or snoozed it.
import type { Deps } from "../../deps.ts";
import type { Db } from "../../infra/db/db.ts";
import { t, type Locale } from "../../infra/i18n.ts";
import { formatWithZone } from "../../infra/time.ts";
import type { MetricAlert } from "../../generated/prisma/client.ts";
import { alertBlocks, alertNews } from "./blocks.ts";

/** An alert posted to `channel`; a storm of them is one roll-up there. Returns the message's id. */
export async function postAlert(
  tx: Db,
  deps: Deps,
  o: { channel: string; locale: Locale; text: string; alertId: string; level: string },
): Promise<string> {
  const { id } = await deps.outbox.enqueue(tx, {
    kind: "post",
    channel: o.channel,
    body: { text: o.text, blocks: alertBlocks(o.locale, o.text, o.alertId) },
    group: alertNews(o.locale, o.text, o.level),
  });
  return id;
}

/** The alert's card once handled: its text, and who acknowledged it or snoozed it until when. */
export async function redrawAlert(
  tx: Db,
  deps: Deps,
  a: MetricAlert,
  text: string,
  o: { locale: Locale; userId: string; snoozedUntil?: Date },
): Promise<void> {
  if (!a.messageId) return;
  const tz = deps.config.DEFAULT_TIMEZONE;
  const footer = o.snoozedUntil
    ? t(o.locale, "metrics.alert.snoozed", { user: o.userId, until: formatWithZone(o.snoozedUntil, tz) })
    : t(o.locale, "metrics.alert.acked", { user: o.userId });
  await deps.outbox.enqueue(tx, {
    kind: "update",
    targetId: a.messageId,
    body: { text, blocks: alertBlocks(o.locale, text, a.id, footer) },
  });
}

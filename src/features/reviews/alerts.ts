// Critical reviews reach the review channel at once, with a reply draft along LSCW in the
// review's own language and a button that opens a complaint case. Several critical reviews of
// one SKU within an hour share one message that edits itself instead of flooding the channel.
import { Ids, stored } from "../../infra/db/stored.ts";
import { alertMessage, reviewNews } from "./notify.ts";
import { channelLocale } from "../../people/channels.ts";
import type { Deps } from "../../deps.ts";

const HOUR = 3600_000;

export async function raiseAlerts(deps: Deps, reviewIds: string[]): Promise<void> {
  const channel = (await deps.db.reviewSetting.findUnique({ where: { key: "alertChannel" } }))?.value;
  if (!channel) {
    deps.log.warn({ count: reviewIds.length }, "critical reviews but no alert channel: set one with /reviews channel");
    return;
  }
  const reviews = await deps.db.review.findMany({ where: { id: { in: reviewIds } }, orderBy: { reviewedAt: "asc" } });
  const locale = await channelLocale(deps, channel);
  for (const r of reviews) {
    const now = deps.clock.now();
    await deps.db.$transaction(async (tx) => {
      const open = await tx.reviewAlert.findFirst({
        where: { sku: r.sku, windowStart: { gte: new Date(now.getTime() - HOUR) } },
        orderBy: { windowStart: "desc" },
      });
      if (open) {
        const ids = [...stored(Ids, open.reviewIds, "review alert"), r.id];
        await tx.reviewAlert.update({ where: { id: open.id }, data: { reviewIds: JSON.stringify(ids) } });
        const grouped = await tx.review.findMany({ where: { id: { in: ids } }, orderBy: { reviewedAt: "asc" } });
        await deps.outbox.enqueue(tx, {
          kind: "update",
          targetId: open.messageId,
          body: alertMessage(deps, r.sku, grouped, locale),
        });
        return;
      }
      const { id } = await deps.outbox.enqueue(tx, {
        kind: "post",
        channel,
        body: alertMessage(deps, r.sku, [r], locale),
        group: reviewNews(locale, r),
      });
      await tx.reviewAlert.create({
        data: { sku: r.sku, windowStart: now, messageId: id, reviewIds: JSON.stringify([r.id]) },
      });
    });
  }
}

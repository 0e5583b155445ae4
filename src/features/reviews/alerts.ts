// Critical reviews reach the review channel at once, with a reply draft along LSCW in the
// review's own language and a button that opens a complaint case. Several critical reviews of
// one SKU within an hour share one message that edits itself instead of flooding the channel.
import { Ids, stored } from "../../infra/db/stored.ts";
import { postAlert, updateAlert } from "./notify.ts";
import { channelLocale } from "../../people/channels.ts";
import type { Deps } from "../../deps.ts";
import type { Db } from "../../infra/db/db.ts";
import type { Review } from "../../generated/prisma/client.ts";
import type { Locale } from "../../infra/i18n.ts";
import { yieldToLoop } from "../../infra/wake-loop.ts";

const HOUR = 3600_000;
const SKUS_PER_TX = 100;
/** Ids per IN (…) list: a database takes a bounded number of parameters in one statement. */
const IDS_PER_READ = 500;

async function reviewsById(db: Db, ids: string[]): Promise<Review[]> {
  const out: Review[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_READ)
    out.push(...(await db.review.findMany({ where: { id: { in: ids.slice(i, i + IDS_PER_READ) } } })));
  return out;
}

export async function raiseAlerts(deps: Deps, reviewIds: string[]): Promise<void> {
  const channel = (await deps.db.reviewSetting.findUnique({ where: { key: "alertChannel" } }))?.value;
  if (!channel) {
    deps.log.warn({ count: reviewIds.length }, "critical reviews but no alert channel: set one with /reviews channel");
    return;
  }
  const reviews = (await reviewsById(deps.db, reviewIds)).sort(
    (a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime(),
  );
  const locale = await channelLocale(deps, channel);
  const bySku = new Map<string, Review[]>();
  for (const r of reviews) bySku.set(r.sku, [...(bySku.get(r.sku) ?? []), r]);
  // A slice of SKUs per transaction, a few statements per SKU (not per review): a flood of
  // critical reviews costs as many messages as SKUs, in transactions short enough that the
  // connection is never held for long (and never past the transaction timeout).
  const skus = [...bySku.entries()];
  for (let i = 0; i < skus.length; i += SKUS_PER_TX) {
    await raiseForSkus(deps, channel, locale, new Map(skus.slice(i, i + SKUS_PER_TX)));
    await yieldToLoop();
  }
}

async function raiseForSkus(deps: Deps, channel: string, locale: Locale, bySku: Map<string, Review[]>): Promise<void> {
  const now = deps.clock.now();
  await deps.db.$transaction(async (tx) => {
    const open = await tx.reviewAlert.findMany({
      where: { sku: { in: [...bySku.keys()] }, windowStart: { gte: new Date(now.getTime() - HOUR) } },
      orderBy: { windowStart: "desc" },
    });
    const openOf = new Map<string, (typeof open)[number]>();
    for (const o of open) if (!openOf.has(o.sku)) openOf.set(o.sku, o);
    const earlier = open.flatMap((o) => (openOf.get(o.sku) === o ? stored(Ids, o.reviewIds, "review alert") : []));
    const before = new Map((await reviewsById(tx, earlier)).map((r) => [r.id, r]));
    for (const [sku, fresh] of bySku) {
      const o = openOf.get(sku);
      if (o) {
        const ids = [...stored(Ids, o.reviewIds, "review alert"), ...fresh.map((r) => r.id)];
        await tx.reviewAlert.update({ where: { id: o.id }, data: { reviewIds: JSON.stringify(ids) } });
        const grouped = ids.flatMap((id) => before.get(id) ?? fresh.find((r) => r.id === id) ?? []);
        grouped.sort((a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime());
        await updateAlert(tx, deps, { messageId: o.messageId, sku, reviews: grouped, locale });
        continue;
      }
      const id = await postAlert(tx, deps, { channel, sku, reviews: fresh, locale });
      await tx.reviewAlert.create({
        data: { sku, windowStart: now, messageId: id, reviewIds: JSON.stringify(fresh.map((r) => r.id)) },
      });
    }
  });
}

// Critical reviews reach the review channel at once, with a reply draft along LSCW in the
// review's own language and a button that opens a complaint case. Several critical reviews of
// one SKU within an hour share one message that edits itself instead of flooding the channel.
import { ACTION_OPEN_CASE } from "./ids.ts";
export { ACTION_OPEN_CASE } from "./ids.ts";
import { channelLocale } from "../../people/channels.ts";
import { esc } from "../../infra/markup.ts";
import type { Deps } from "../../deps.ts";
import { t, type Locale } from "../../infra/i18n.ts";
import { formatInZone, formatWithZone } from "../../infra/time.ts";
import type { Review } from "../../generated/prisma/client.ts";
import type { MessageBody } from "../../outbox/outbox.ts";
import { languageOf, type Cause } from "./matcher.ts";

const HOUR = 3600_000;

export function replyDraft(r: Pick<Review, "text" | "causes">): string {
  const lang: Locale = languageOf(r.text);
  const cause = ((JSON.parse(r.causes) as Cause[])[0] ?? "other") as Cause;
  return [t(lang, "reviews.draft.listen"), t(lang, "reviews.draft.sorry"), t(lang, `reviews.draft.commit.${cause}`), t(lang, "reviews.draft.wrap")].join(lang === "en" ? " " : "");
}

/** One review in an alert: the alert channel's language, the reply draft in the review's own. */
function reviewBlocks(deps: Deps, r: Review, locale: Locale): unknown[] {
  const causes = (JSON.parse(r.causes) as Cause[]).map((c) => t(locale, `rcause.${c}`)).join(", ");
  const meta = t(locale, "reviews.alert.meta", {
    order: r.orderId ?? "–",
    time: formatWithZone(r.reviewedAt, deps.config.DEFAULT_TIMEZONE, "yyyy-MM-dd HH:mm"),
    causes: causes || "–",
    keywords: (JSON.parse(r.hits) as string[]).join(", ") || "–",
  });
  return [
    { type: "section", text: { type: "mrkdwn", text: `*${t(locale, "reviews.alert.title", { platform: r.platform, sku: r.sku, stars: "★".repeat(r.rating) })}*\n>${esc(r.text.slice(0, 1500)).replace(/\n/g, "\n>")}` } },
    { type: "context", elements: [{ type: "mrkdwn", text: meta }] },
    { type: "section", text: { type: "mrkdwn", text: `${t(locale, "reviews.alert.draft")} (${t(languageOf(r.text), "lang.name")})\n${replyDraft(r)}` } },
    { type: "actions", elements: [{ type: "button", action_id: `${ACTION_OPEN_CASE}_${r.id}`, text: { type: "plain_text", text: t(locale, "reviews.alert.openCase") }, value: r.id }] },
  ];
}

export function alertMessage(deps: Deps, sku: string, reviews: Review[], locale: Locale = deps.config.DEFAULT_LOCALE): MessageBody {
  if (reviews.length === 1) {
    const r = reviews[0]!;
    return { text: t(locale, "reviews.alert.title", { platform: r.platform, sku, stars: "★".repeat(r.rating) }), blocks: reviewBlocks(deps, r, locale) };
  }
  // The reviews' own times, not "the last hour": a backfill groups yesterday's reviews.
  const tz = deps.config.DEFAULT_TIMEZONE;
  const times = reviews.map((r) => r.reviewedAt.getTime());
  const at = (ms: number) => formatInZone(new Date(ms), tz, "MM-dd HH:mm");
  const title = t(locale, "reviews.alert.grouped", { count: reviews.length, sku, from: at(Math.min(...times)), to: at(Math.max(...times)), tz });
  const shown = reviews.slice(-5).flatMap((r) => [...reviewBlocks(deps, r, locale), { type: "divider" }]);
  return { text: title, blocks: [{ type: "header", text: { type: "plain_text", text: title.slice(0, 150) } }, ...shown].slice(0, 50) };
}

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
      const open = await tx.reviewAlert.findFirst({ where: { sku: r.sku, windowStart: { gte: new Date(now.getTime() - HOUR) } }, orderBy: { windowStart: "desc" } });
      if (open) {
        const ids = [...(JSON.parse(open.reviewIds) as string[]), r.id];
        await tx.reviewAlert.update({ where: { id: open.id }, data: { reviewIds: JSON.stringify(ids) } });
        const grouped = await tx.review.findMany({ where: { id: { in: ids } }, orderBy: { reviewedAt: "asc" } });
        await deps.outbox.enqueue(tx, { kind: "update", targetId: open.messageId, body: alertMessage(deps, r.sku, grouped, locale) });
        return;
      }
      const { id } = await deps.outbox.enqueue(tx, { kind: "post", channel, body: alertMessage(deps, r.sku, [r], locale) });
      await tx.reviewAlert.create({ data: { sku: r.sku, windowStart: now, messageId: id, reviewIds: JSON.stringify([r.id]) } });
    });
  }
}

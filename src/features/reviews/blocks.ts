// What the review feature tells people: a critical review in the alert channel's language, its reply draft in
// the review's own (LSCW: listen, sorry, commit, wrap), and the Open case button.
import { z } from "zod";
import { Ids, stored } from "../../infra/db/stored.ts";
import type { KnownBlock } from "@slack/types";
import type { Deps } from "../../deps.ts";
import { t, type Locale } from "../../infra/i18n.ts";
import { esc } from "../../infra/markup.ts";
import { formatInZone, formatWithZone } from "../../infra/time.ts";
import type { Review } from "../../generated/prisma/client.ts";
import type { Grouping, MessageBody } from "../../outbox/message.ts";
import { ACTION_OPEN_CASE } from "./ids.ts";
import { CAUSES, languageOf } from "./rules.ts";

const CauseList = z.array(z.enum(CAUSES));

export function replyDraft(r: Pick<Review, "text" | "causes">): string {
  const lang: Locale = languageOf(r.text);
  const cause = stored(CauseList, r.causes, "review causes")[0] ?? "other";
  return [
    t(lang, "reviews.draft.listen"),
    t(lang, "reviews.draft.sorry"),
    t(lang, `reviews.draft.commit.${cause}`),
    t(lang, "reviews.draft.wrap"),
  ].join(lang === "en" ? " " : "");
}

/** One review in an alert: the alert channel's language, the reply draft in the review's own. */
function reviewBlocks(deps: Deps, r: Review, locale: Locale): KnownBlock[] {
  const causes = stored(CauseList, r.causes, "review causes")
    .map((c) => t(locale, `rcause.${c}`))
    .join(", ");
  const meta = t(locale, "reviews.alert.meta", {
    order: r.orderId ?? "–",
    time: formatWithZone(r.reviewedAt, deps.config.DEFAULT_TIMEZONE, "yyyy-MM-dd HH:mm"),
    causes: causes || "–",
    keywords: stored(Ids, r.hits, "review keywords").join(", ") || "–",
  });
  return [
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `*${t(locale, "reviews.alert.title", { platform: r.platform, sku: r.sku, stars: "★".repeat(r.rating) })}*\n>${esc(r.text.slice(0, 1500)).replace(/\n/g, "\n>")}`,
      },
    },
    { type: "context", elements: [{ type: "mrkdwn", text: meta }] },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `${t(locale, "reviews.alert.draft")} (${t(languageOf(r.text), "lang.name")})\n${replyDraft(r)}`,
      },
    },
    {
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: `${ACTION_OPEN_CASE}_${r.id}`,
          text: { type: "plain_text", text: t(locale, "reviews.alert.openCase") },
          value: r.id,
        },
      ],
    },
  ];
}

export function alertMessage(
  deps: Deps,
  sku: string,
  reviews: Review[],
  locale: Locale = deps.config.DEFAULT_LOCALE,
): MessageBody {
  if (reviews.length === 1) {
    const r = reviews[0]!;
    return {
      text: t(locale, "reviews.alert.title", { platform: r.platform, sku, stars: "★".repeat(r.rating) }),
      blocks: reviewBlocks(deps, r, locale),
    };
  }
  // The reviews' own times, not "the last hour": a backfill groups yesterday's reviews.
  const tz = deps.config.DEFAULT_TIMEZONE;
  const times = reviews.map((r) => r.reviewedAt.getTime());
  const at = (ms: number) => formatInZone(new Date(ms), tz, "MM-dd HH:mm");
  const title = t(locale, "reviews.alert.grouped", {
    count: reviews.length,
    sku,
    from: at(Math.min(...times)),
    to: at(Math.max(...times)),
    tz,
  });
  const shown = reviews.slice(-5).flatMap((r) => [...reviewBlocks(deps, r, locale), { type: "divider" }]);
  return {
    text: title,
    blocks: [{ type: "header", text: { type: "plain_text", text: title.slice(0, 150) } }, ...shown].slice(0, 50),
  };
}

/** A critical review as an item a roll-up can hold: a flood of alerts becomes one message. */
export function reviewNews(locale: Locale, r: Review): Grouping {
  const excerpt = r.text.length > 60 ? `${r.text.slice(0, 59)}…` : r.text;
  return {
    key: "reviews.alerts",
    item: {
      line: `${t(locale, "reviews.alert.title", { platform: r.platform, sku: r.sku, stars: "★".repeat(r.rating) })} · “${esc(excerpt)}”`,
      rank: r.rating <= 1 ? 1 : 2,
      head: { title: "rollup.reviews.alerts", locale },
    },
  };
}

// English: review alerts and the daily briefing.
export const enReviews = {
  "cmd.reviews.setup":
    "`/reviews channel #reviews` · `/reviews route quality @owner`: where critical alerts go, who owns each cause",
  "cmd.reviews.briefing":
    "`/reviews briefing #channel [09:00]` · `/reviews briefing off #channel` · `/reviews briefing now [#channel]`: the daily review briefing (now: to your DM, or a channel for admins)",
  "cmd.reviews.keywords":
    "`/reviews keywords` · `/reviews keyword add 掉漆 quality warning` · `/reviews keyword remove 掉漆`: the keyword list",
  "cmd.reviews.import": "`/reviews import`: how reviews come in (webhook, CSV or JSON file)",
  "cmd.reviews.hints":
    "`/reviews hints` · `/reviews hint add quality 掉色` · `/reviews hint remove quality 掉色` · `/reviews hint reset`: what a negative review with no keyword is read for, per cause",
  "reviews.hints.list":
    "*Cause hints*: a negative review whose keywords name no cause is read for these (patterns; a word you add is matched as written):\n{list}",
  "reviews.hint.added": "“{word}” now reads as {cause} in reviews with no keyword's cause.",
  "reviews.hint.known": "“{word}” already reads as {cause}.",
  "reviews.hint.removed": "“{word}” no longer reads as {cause}.",
  "reviews.hint.missing": "{cause} has no hint “{word}”: `/reviews hints` lists them as written.",
  "reviews.hint.reset": "The cause hints are the built-in list again.",
  "rcause.quality": "Product quality",
  "rcause.not_as_described": "Not as described",
  "rcause.logistics": "Logistics delay",
  "rcause.service_attitude": "Service attitude",
  "rcause.slow_after_sales": "Slow after-sales",
  "rcause.other": "Other",
  "reviews.usage":
    "Write it as `/reviews channel #reviews`, `/reviews briefing #channel 09:00`, `/reviews keywords`, `/reviews keyword add <word> <category> <notice|warning|critical>`, `/reviews keyword remove <word>`, `/reviews hints`, `/reviews hint add <cause> <word>` or `/reviews route quality @owner`. Categories: {categories}.",
  "reviews.error.admin":
    "Only a workspace admin or owner (or someone in ADMIN_USER_IDS) can change review settings or post into a channel. `/reviews briefing now` alone sends the briefing to your DM.",
  "reviews.channel.saved": "Critical review alerts now go to <#{channel}>.",
  "reviews.route.saved": "{cause} reviews are now routed to <@{user}>.",
  "reviews.keyword.saved": "Keyword “{word}” ({category}, {severity}) saved.",
  "reviews.keyword.removed": "Keyword “{word}” removed.",
  "reviews.keyword.missing": "There is no keyword “{word}”.",
  "reviews.keywords.list": "*Keywords* ({count}):\n{list}",
  "reviews.briefing.saved": "The daily review briefing goes to <#{channel}> at {time} ({tz}).",
  "reviews.briefing.off": "No more review briefings in <#{channel}>.",
  "reviews.briefing.queued": "Briefing for {date} sent to <#{channel}>.",
  "reviews.briefing.queuedDm": "Briefing for {date} sent to your DM.",
  "reviews.alert.title": "🚨 Critical review · {platform} · SKU {sku} · {stars}",
  "reviews.alert.grouped": "🚨 {count} critical reviews for SKU {sku}, written between {from} and {to} ({tz})",
  "reviews.case.summary": "[{platform} {stars} SKU {sku}{order}] {text}",
  "reviews.case.order": " · order {order}",
  "reviews.alert.meta": "Order {order} · {time} · causes: {causes} · keywords: {keywords}",
  "reviews.alert.draft": "*Reply draft (LSCW)*",
  "reviews.alert.openCase": "Open complaint case",
  "reviews.draft.listen": "We hear you: receiving an order like this is disappointing.",
  "reviews.draft.sorry": "We are sorry for the trouble we caused you.",
  "reviews.draft.commit.quality":
    "We will send a replacement or refund within 24 hours, and our quality team is checking this batch.",
  "reviews.draft.commit.not_as_described":
    "We will arrange a free return or exchange within 24 hours and correct the product page.",
  "reviews.draft.commit.logistics":
    "We are chasing the courier today and will reship urgently or compensate the delay within 24 hours.",
  "reviews.draft.commit.service_attitude": "A supervisor will call you within 2 hours to put this right.",
  "reviews.draft.commit.slow_after_sales": "Your case is now with a specialist who will finish it within 24 hours.",
  "reviews.draft.commit.other": "A specialist will contact you within 24 hours with a solution.",
  "reviews.draft.wrap": "Thank you for telling us; we will do better, and we hope to serve you again.",
  "reviews.briefing.col.cause": "Cause",
  "reviews.briefing.col.count": "Negatives",
  "reviews.briefing.col.share": "Share",
  "reviews.briefing.col.vsPrev": "vs day before",
  "reviews.briefing.col.vsAvg": "vs 7-day avg",
  "reviews.briefing.title": "📰 Review briefing {date}",
  "reviews.briefing.totals":
    "Reviews *{total}* · negative *{negative}* · negative rate *{rate}* (day before {prevRate}, 7-day average {avgRate})",
  "reviews.briefing.cause": "• {cause}: {count} ({share}; {vsPrev} vs day before, {vsAvg} vs 7-day average){!owner}",
  "reviews.briefing.keywords": "*Top keywords*: {list}",
  "reviews.briefing.skus": "*SKUs with the most negatives*: {list}",
  "reviews.briefing.examples": "*Examples*",
  "reviews.briefing.none": "No negative reviews. 🎉",
  "reviews.briefing.refundTag": "🏷️ refund asked in {count} of them ({share})",
  "reviews.briefing.otherTop":
    "⚠️ Most negative reviews match no known cause: read the examples and add keywords for what they say (`/reviews keyword add <word> <category> <level>`).",
  "reviews.import.result":
    "Imported {stored|# review|# reviews}, {duplicates} already known, {bad|# bad row|# bad rows}.{problems}",
  "reviews.import.hint":
    "Upload a CSV or JSON file to a channel the bot is in, then ⋯ → *Import reviews* on that message. Reviews also come in through the webhook `POST /webhooks/reviews` (JSON or NDJSON, `Authorization: Bearer <REVIEWS_WEBHOOK_TOKEN>`) or from a CSV/JSON file on the server: `npm run import:reviews -- file.csv` (UTF-8, UTF-8 with BOM or GBK; columns platform, review_id, order_id, sku, rating, text, time).",
} as const;

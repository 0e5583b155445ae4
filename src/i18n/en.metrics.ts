// English: metric digests and anomaly alerts.
export const enMetrics = {
  "cmd.metrics.digest":
    "`/metrics digest #channel|me [store] [daily|weekly mon] [09:00]` · `/metrics digest off #channel|me [store]` · `/metrics now [store]`: scheduled digests and one right now",
  "cmd.metrics.targets":
    "`/metrics target shop1 2026-11 3000000`: a store's monthly GMV target (daily targets follow from it)",
  "cmd.metrics.alerts":
    "`/metrics alerts` · `/metrics alerts warning #ops-alerts` · `/metrics rule static 20% 40%` · `/metrics rule dynamic 4 2` · `/metrics rule correlated 10% 20%`: anomaly alerts, who gets each level, the rules",
  "cmd.metrics.import":
    "`/metrics import`: how metrics come in (webhook, a file, your platform's export) · `/metrics import presets`: the exports the bot reads",
  "metrics.usage":
    "Write it as `/metrics digest #channel shop1 daily 09:00`, `/metrics digest me shop1 weekly mon 09:00`, `/metrics now shop1`, `/metrics target shop1 2026-11 3000000`, `/metrics alerts warning #channel` or `/metrics rule static 20% 40%`.",
  "metrics.error.admin":
    "Only a workspace admin or owner (or someone in ADMIN_USER_IDS) can change targets, alert recipients and rules.",
  "metrics.error.digestChannel":
    "Only a workspace admin or owner can send a digest into a channel. You can have it in your own DM: `/metrics digest me {store} daily 09:00`.",
  "metrics.error.time":
    "“{time}” is not a time of day: write it as HH:MM, 00:00 to 23:59 (for example 09:30). Nothing was changed.",
  "metrics.error.weekday": "“{day}” is not a weekday: use mon, tue, wed, thu, fri, sat or sun. Nothing was changed.",
  "metrics.error.month": "The month “{month}” is not valid: write it as YYYY-MM, for example 2026-11.",
  "metrics.error.gmv":
    "The target “{gmv}” is not an amount: write the GMV in yuan as a number, for example 3000000 or 2500000.50.",
  "metrics.now.queued": "Yesterday's digest for {store} is on its way to your DM with me.",
  "metrics.error.noData":
    "No metrics for store “{store}” yet. Send them to `POST /webhooks/metrics` or `npm run import:metrics -- file.csv`.",
  "metrics.target.saved": "GMV target for {store} in {month}: {gmv}.",
  "metrics.digest.saved": "{cadence} digest of {store} for {!target} at {time} ({tz}).",
  "metrics.digest.off": "No more digests of {store} for {!target}.",
  "metrics.digest.daily": "Daily",
  "metrics.digest.weekly": "Weekly ({weekday})",
  "metrics.recipients.saved": "{level} alerts now go to {!target}.",
  "metrics.rules.saved": "Rules saved: {rules}",
  "metrics.rules.describe":
    "static −{warning}% warning / −{critical}% critical · dynamic {weeks} weeks ±{k}σ {dynamicLevel} · correlated UV +{uvUp}% & conversion −{conversionDown}% {correlatedLevel}",
  "metrics.rules.show":
    "*Anomaly rules*: {rules}\n*Recipients*: notice {!notice} · warning {!warning} · critical {!critical}",
  "metrics.level.notice": "notice",
  "metrics.level.warning": "warning",
  "metrics.level.critical": "critical",
  "metrics.digest.title": "📈 {store} · {period}",
  "metrics.digest.gmv": "*GMV* {gmv} · vs day before {dod} · vs last week {wow} · vs last year {yoy}",
  "metrics.digest.gmvWeek": "*GMV* {gmv} · vs the 7 days before {dod} · vs last year {yoy}",
  "metrics.digest.target":
    "*Target* month to date {mtd} of {target} ({attainment}); this period's target {periodTarget} ({periodAttainment})",
  "metrics.digest.kpis":
    "UV {uv} ({uvChange}) · conversion {conversion} ({conversionChange}) · AOV {aov} ({aovChange}) · UV value {uvValue} · ROI {roi} · refund rate {refundRate}",
  "metrics.digest.funnel": "Funnel: product view {pv} (ref 68%) · cart {cart} (ref 35%) · order {order} (ref 25%)",
  "metrics.digest.split":
    "*GMV change {total}* = UV {uv} + conversion {conversion} + spend per buyer {perBuyer} → mostly *{factor}*",
  "metrics.digest.movers": "*Top movers*: {list}",
  "metrics.digest.skuMovers": "*Top SKUs*: {list}",
  "metrics.digest.moversTitle": "📊 What moved most · {store} · {period}",
  "metrics.digest.col.by": "Where",
  "metrics.digest.col.channel": "Channel",
  "metrics.digest.col.sku": "SKU",
  "metrics.digest.col.name": "Name",
  "metrics.digest.col.now": "GMV",
  "metrics.digest.col.before": "Period before",
  "metrics.digest.col.change": "Change",
  "metrics.digest.chartTitle": "{store} GMV, last 30 days",
  "metrics.digest.series": "GMV",
  "metrics.digest.avg": "7-day average",
  "metrics.factor.uv": "UV (traffic)",
  "metrics.factor.conversion": "conversion",
  "metrics.factor.perBuyer": "spend per buyer (AOV)",
  "metrics.alert.static":
    "{icon} {level}: {store} GMV on {date} is {value}, {change} against the day before ({reference}). Likely factor: *{factor}* {!channel}.",
  "metrics.alert.dynamic":
    "{icon} {level}: {store} GMV on {date} is {value}, outside the normal band of the same weekday (mean {reference}, {change}). Likely factor: *{factor}* {!channel}.",
  "metrics.alert.correlated":
    "{icon} {level}: {store} on {date}: UV went up while conversion fell {change} ({reference} → {value}). Check traffic quality and the landing pages{!channel}.",
  "metrics.alert.channel": "; channel *{channel}* moved most ({delta})",
  "metrics.alert.ack": "Acknowledge",
  "metrics.alert.task": "Create action",
  "metrics.alert.taskBody":
    "Goal: bring {metric} of {store} back to normal (alert of {date}).\nMeasures: …\nFive whys: which category, channel, or the whole site? Which factor of UV × conversion × AOV?\n\n{text}",
  "metrics.alert.snooze": "Snooze until tomorrow 09:00",
  "metrics.alert.acked": "✅ Acknowledged by <@{user}>",
  "metrics.alert.alreadyAcked": "Someone acknowledged this alert a moment before you; nothing more to do.",
  "metrics.alert.alreadySnoozed": "Someone snoozed this alert a moment before you; nothing more to do.",
  "metrics.alert.snoozed": "💤 Snoozed by <@{user}> until {until}",
  "metrics.import.result":
    "Imported {stored|# new row|# new rows} and replaced {replaced|# row|# rows}; {alerts|# alert|# alerts}; {bad|# bad row|# bad rows}.{problems}",
  "metrics.import.hint":
    "Upload a CSV or JSON file, or your platform's export (Tmall Business Advisor, JD Shangzhi, Douyin shop and Compass, Pinduoduo, Taobao orders, Shopify, Amazon: .xlsx, .xls or CSV as the export button gives it), to a channel the bot is in, then ⋯ → *Import metrics* on that message: an export gets a preview first. `/metrics import presets` lists the exports the bot reads. Metrics also come in through the webhook `POST /webhooks/metrics` (JSON, `Authorization: Bearer <METRICS_WEBHOOK_TOKEN>`) or from a file on the server: `npm run import:metrics -- file.csv` (UTF-8, UTF-8 with BOM or GBK; columns date, hour, store, channel, sku, uv, pv, product_views, cart_adds, orders, buyers, gmv, refunds, ad_spend, new_customers). Re-sending a day replaces it.",
} as const;

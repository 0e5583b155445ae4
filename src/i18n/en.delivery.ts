// Roll-ups: what the bot posts when news arrives faster than Slack lets it post one message each.
export const enDelivery = {
  "rollup.urgent": "{n} urgent or VIP",
  "rollup.more": "…and {n} more, listed in the thread. Everything is also on the app's Home tab.",
  "rollup.page": "{from}–{to} of {count}",
  "rollup.postAll": "Post them one by one",
  "rollup.postAll.title": "Post every message?",
  "rollup.postAll.text":
    "This posts the {n} messages of this roll-up here, one by one, at Slack's pace of about 60 a minute: about {minutes} min.",
  "rollup.postAll.yes": "Post them",
  "rollup.postAll.no": "Cancel",
  "rollup.postOne": "Post one of them…",
  "rollup.posting": "Posting {n} messages here, about 60 a minute.",
  "rollup.postingOne": "Posting it here now.",
  "rollup.nothing": "Everything in this roll-up has been posted already.",
  "rollup.complaint.opened": "Tier {tier} · {count|# new case|# new cases}",
  "rollup.complaint.escalated": "Tier {tier} · {count|# case|# cases} escalated here",
  "rollup.complaint.moved": "Tier {tier} · {count|# case|# cases} moved up a tier",
  "rollup.complaint.notes": "Tier {tier} · {count|# case needs|# cases need} attention",
  "rollup.complaint.owner": "Your cases · {count|# update|# updates}",
  "rollup.promo.reminders": "Promotions · {count|# item needs|# items need} you",
  "rollup.promo.channel": "Promotions · {count|# update|# updates}",
  "rollup.raci.reminders": "Tasks · {count|# reminder|# reminders}",
  "rollup.reviews.alerts": "Reviews · {count|# alert|# alerts}",
  "rollup.metrics.alerts": "Metrics · {count|# alert|# alerts}",
  // What the workspace lets the bot use (canvases, Lists), told once and listed by /shopops status.
  "capability.canvases": "canvases",
  "capability.lists": "Slack Lists",
  "capability.notice":
    "ℹ️ This workspace doesn't let me use {feature} (Slack answered `{reason}`), so I posted it as a message in the channel instead. {!fix} `/shopops status` lists what this workspace lets me use.",
  "capability.fix.scope":
    "Reinstall the app from its settings page so it gets the `{scope}` scope (manifest.yml lists it).",
  "capability.fix.plan": "Slack offers this on its paid plans.",
  "capability.fix.freeTab": "Slack's free plan allows one canvas per channel, and this channel has one already.",
  "capability.fix.admin": "Ask a workspace admin whether apps may use it here.",
  "capability.noticeList":
    "ℹ️ This workspace doesn't let me use {feature} (Slack answered `{reason}`), so the checklist stays a message that edits itself, as before. {!fix} `/shopops status` lists what this workspace lets me use.",
  "promo.mirror.made":
    "📋 This checklist is also a Slack List, shared with this channel: tick items there or here, and the other follows within two minutes.",
  "capability.title": "What this workspace lets me use:",
  "capability.available": "• ✅ {feature}: yes (checked {time})",
  "capability.refused": "• ⛔ {feature}: no, Slack answered `{reason}` ({time}); messages instead. {!fix}",
  "capability.untried": "• ❔ {feature}: not tried yet; tried the first time it is needed",
  "canvas.retro.made": "📄 The retrospective is also a canvas in this channel's tabs: add to it there.",
  "canvas.retro.updated": "📄 The retrospective canvas in this channel's tabs has the new figures and actions.",
};

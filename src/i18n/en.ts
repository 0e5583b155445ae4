// The English catalogue. Keys are shared with zh-CN.ts (the compiler checks both have all keys).
// Placeholders are written {name} and filled by t().
import { enCampaigns } from "./en.campaigns.ts";
import { enComplaints } from "./en.complaints.ts";
import { enDelivery } from "./en.delivery.ts";
import { enImports } from "./en.imports.ts";
import { enMetrics } from "./en.metrics.ts";
import { enRaci } from "./en.raci.ts";
import { enReviews } from "./en.reviews.ts";
import { enSteps } from "./en.steps.ts";
import { enT0 } from "./en.t0.ts";

export const en = {
  ...enComplaints,
  ...enDelivery,
  ...enImports,
  ...enCampaigns,
  ...enReviews,
  ...enMetrics,
  ...enRaci,
  ...enSteps,
  ...enT0,
  "lang.name": "English",
  "help.title": "shopops: what I can do",
  "help.intro": "I run the team's processes in Slack. Type a command in any channel or in my DM:",
  "help.footer": "Your language: {locale}. Change it with `/shopops language en` or `/shopops language zh-CN`.",
  "cmd.shopops.help": "`/shopops help`: this list",
  "cmd.shopops.language":
    "`/shopops language zh-CN|en|auto`: the language I answer you in (auto follows your Slack setting) · `/shopops language #channel zh-CN|en|auto`: a channel's language (admins)",
  "cmd.shopops.export":
    "`/shopops export 2026-11-01 2026-11-30 [promo|task|complaint|reviews|metrics]`: every recorded action of those days as a CSV file in your DM (admins)",
  "usage.export":
    "Write it as `/shopops export 2026-11-01 2026-11-30`, optionally with one of promo, task, complaint, reviews, metrics after the dates.",
  "export.error.admin": "Only a workspace admin or owner (or someone in ADMIN_USER_IDS) can export the audit trail.",
  "export.error.date": "“{value}” is not a date. Write dates as 2026-11-01.",
  "export.error.order": "The end date {value} is before the start date.",
  "export.error.long": "That is more than a year ({value}); export at most 366 days at a time.",
  "export.error.feature": "“{value}” is not one of: {features}.",
  "export.queued": "Exporting the actions of {from} to {to}: the CSV file is coming to your DM.",
  "export.sent":
    "Audit export {from} to {to}: {count|# action|# actions}. UTF-8 CSV; opens in Excel and Numbers with Chinese intact.",
  "cmd.shopops.status": "`/shopops status`: is the bot healthy (database, Slack, queued messages)",
  "usage.unknown": "I don't know `{command} {input}`. Try `{command} help` for the list of commands.",
  "usage.language":
    "Write it as `/shopops language zh-CN`, `/shopops language en` or `/shopops language auto` (yours), or `/shopops language #channel en` (a channel's, admins).",
  "language.channelSet": "Done: messages in <#{channel}> will be in {language}.",
  "language.channelAuto": "Done: messages in <#{channel}> will follow the workspace language ({language}).",
  "language.channelAdmin":
    "Only a workspace admin or owner can set a channel's language. You can set your own with `/shopops language en` or `/shopops language zh-CN`.",
  "language.set": "Done: I'll answer you in English.",
  "language.auto": "Done: I'll follow your Slack language setting.",
  "status.body":
    "Database: {db}. Messages waiting to be sent: {pending}. Failed messages: {failed}. Timers waiting: {timers}.",
  "outbox.failed": "⚠️ I couldn't post “{preview}” in <#{channel}>: Slack said `{reason}`. {!fix}",
  "outbox.fix.invite":
    "Invite me to that channel (`/invite @shopops` there; for a private channel, add the app from the channel's details), then do it again.",
  "outbox.fix.archived": "That channel is archived: pick another channel and do it again.",
  "outbox.fix.restricted": "The workspace doesn't let apps post there: ask an admin, or pick another channel.",
  "outbox.fix.other": "`/shopops status` lists the messages that failed; your admin can see the details there.",
  "status.failedTitle": "Failed messages (newest first):",
  "status.failedRow": "• {time} · {!where} · `{reason}`",
  "status.ok": "ok",
  "status.down": "unreachable",
  "command.tooLong":
    "That {command} is {length} characters long; a command may be at most {max}. Shorten it, or put long text (a summary, a list) in the form or a file.",
  "error.generic": "Sorry, something went wrong on my side. If it happens again, quote this id to your admin: {id}",
  "error.forbidden": "Only {!who} can do that.",
  "home.title": "What needs me",
  "home.empty": "Nothing needs you right now. 🎉",
  "home.updated": "Updated {time} ({tz})",
  "import.noFile":
    "That message has no CSV or JSON file. Upload the file to a channel the bot is in, then use the shortcut on that message.",
  "import.foreignHost":
    "That file isn't on Slack's file host, so I didn't fetch it. Upload the file to Slack itself (drag it into a channel the bot is in) and use the shortcut on that message.",
  "import.tooLarge":
    "That file is larger than {mb} MB. Split it into smaller files, send the rows to the webhook, or import it on the bot's server: `npm run import:metrics -- <file>` (or `import:reviews`), which takes files of any size.",
} as const;

export type MessageKey = keyof typeof en;

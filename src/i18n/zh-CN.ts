import type { MessageKey } from "./en.ts";
import { zhCNCampaigns } from "./zh-CN.campaigns.ts";
import { zhCNComplaints } from "./zh-CN.complaints.ts";
import { zhCNDelivery } from "./zh-CN.delivery.ts";
import { zhCNImports } from "./zh-CN.imports.ts";
import { zhCNMetrics } from "./zh-CN.metrics.ts";
import { zhCNRaci } from "./zh-CN.raci.ts";
import { zhCNReviews } from "./zh-CN.reviews.ts";
import { zhCNSteps } from "./zh-CN.steps.ts";
import { zhCNT0 } from "./zh-CN.t0.ts";

// 簡體中文目錄：鍵與 en.ts 一一對應。
export const zhCN: Record<MessageKey, string> = {
  ...zhCNComplaints,
  ...zhCNDelivery,
  ...zhCNImports,
  ...zhCNCampaigns,
  ...zhCNReviews,
  ...zhCNMetrics,
  ...zhCNRaci,
  ...zhCNSteps,
  ...zhCNT0,
  "lang.name": "简体中文",
  "help.title": "shopops：我能做什么",
  "help.intro": "我在 Slack 里运行团队的流程。在任何频道或私信里输入命令：",
  "help.footer": "你的语言：{locale}。用 `/shopops language zh-CN` 或 `/shopops language en` 切换。",
  "cmd.shopops.help": "`/shopops help`：显示本列表",
  "cmd.shopops.language":
    "`/shopops language zh-CN|en|auto`：我回复你时使用的语言（auto 跟随你的 Slack 设置）· `/shopops language #频道 zh-CN|en|auto`：频道的语言（管理员）",
  "cmd.shopops.export":
    "`/shopops export 2026-11-01 2026-11-30 [promo|task|complaint|reviews|metrics]`：把这些天的全部操作记录导出为 CSV 文件发到你的私信（管理员）",
  "usage.export":
    "请写成 `/shopops export 2026-11-01 2026-11-30`，日期后可加 `promo`、`task`、`complaint`、`reviews`、`metrics` 之一。",
  "export.error.admin": "只有工作区管理员或所有者（或 ADMIN_USER_IDS 中的人）可以导出操作记录。",
  "export.error.date": "“{value}”不是日期。日期写成 2026-11-01。",
  "export.error.order": "结束日期 {value} 早于开始日期。",
  "export.error.long": "超过一年（{value}）；每次最多导出 366 天。",
  "export.error.feature": "“{value}”不在可选值中：{features}。",
  "export.queued": "正在导出 {from} 至 {to} 的操作记录，CSV 文件稍后发到你的私信。",
  "export.sent": "操作记录导出 {from} 至 {to}：共 {count} 条。UTF-8 CSV，可直接用 Excel 或 Numbers 打开，中文不乱码。",
  "cmd.shopops.status": "`/shopops status`：机器人是否正常（数据库、Slack、待发消息）",
  "usage.unknown": "我不认识 `{command} {input}`。输入 `{command} help` 查看所有命令。",
  "usage.language":
    "请这样写：`/shopops language zh-CN`、`/shopops language en` 或 `/shopops language auto`（你自己的），或 `/shopops language #频道 en`（频道的，管理员）。",
  "language.channelSet": "好的，<#{channel}> 里的消息将使用{language}。",
  "language.channelAuto": "好的，<#{channel}> 里的消息将跟随工作区语言（{language}）。",
  "language.channelAdmin":
    "只有工作区管理员或所有者可以设置频道语言。你可以用 `/shopops language en` 或 `/shopops language zh-CN` 设置你自己的语言。",
  "language.set": "好的，我会用简体中文回复你。",
  "language.auto": "好的，我会跟随你的 Slack 语言设置。",
  "status.body": "数据库：{db}。待发送消息：{pending}。发送失败消息：{failed}。等待中的定时任务：{timers}。",
  "outbox.failed": "⚠️ 我没能在 <#{channel}> 发出“{preview}”：Slack 返回 `{reason}`。{!fix}",
  "outbox.fix.invite":
    "请把我加入该频道（在频道里输入 `/invite @shopops`；私有频道请在频道详情里添加应用），然后再操作一次。",
  "outbox.fix.archived": "该频道已归档：请换一个频道再操作一次。",
  "outbox.fix.restricted": "工作区不允许应用在那里发消息：请联系管理员，或换一个频道。",
  "outbox.fix.other": "`/shopops status` 会列出发送失败的消息，管理员可以在那里查看详情。",
  "status.failedTitle": "发送失败的消息（最新在前）：",
  "status.failedRow": "• {time} · {!where} · `{reason}`",
  "status.ok": "正常",
  "status.down": "无法连接",
  "command.tooLong":
    "这条 {command} 命令有 {length} 个字符，命令最多 {max} 个字符。请缩短，或把长内容（摘要、清单）填在表单里或放进文件。",
  "error.generic": "抱歉，我这边出了问题。如果再次发生，请把这个编号告诉管理员：{id}",
  "error.forbidden": "只有{!who}可以这样做。",
  "home.title": "需要我处理的事",
  "home.empty": "现在没有需要你处理的事。🎉",
  "home.updated": "更新于 {time}（{tz}）",
  "import.noFile": "这条消息没有 CSV 或 JSON 文件。请把文件上传到机器人所在的频道，再在那条消息上使用快捷方式。",
  "import.foreignHost":
    "这个文件不在 Slack 的文件服务器上，所以我没有下载它。请把文件直接上传到 Slack（拖进机器人所在的频道），再在那条消息上使用快捷方式。",
  "import.tooLarge":
    "这个文件超过 {mb} MB。请拆成较小的文件、改用 webhook 发送数据，或在机器人服务器上导入：`npm run import:metrics -- 文件`（或 `import:reviews`），不限大小。",
};

import type { MessageKey } from "./en.ts";
import { zhCNCampaigns } from "./zh-CN.campaigns.ts";
import { zhCNComplaints } from "./zh-CN.complaints.ts";
import { zhCNMetrics } from "./zh-CN.metrics.ts";
import { zhCNRaci } from "./zh-CN.raci.ts";
import { zhCNReviews } from "./zh-CN.reviews.ts";

// 簡體中文目錄：鍵與 en.ts 一一對應。
export const zhCN: Record<MessageKey, string> = {
  ...zhCNComplaints,
  ...zhCNCampaigns,
  ...zhCNReviews,
  ...zhCNMetrics,
  ...zhCNRaci,
  "lang.name": "简体中文",
  "help.title": "shopops：我能做什么",
  "help.intro": "我在 Slack 里运行团队的流程。在任何频道或私信里输入命令：",
  "help.footer": "你的语言：{locale}。用 `/shopops language zh-CN` 或 `/shopops language en` 切换。",
  "cmd.shopops.help": "`/shopops help`：显示本列表",
  "cmd.shopops.language": "`/shopops language zh-CN|en|auto`：我回复你时使用的语言（auto 跟随你的 Slack 设置）",
  "cmd.shopops.status": "`/shopops status`：机器人是否正常（数据库、Slack、待发消息）",
  "usage.unknown": "我不认识 `{command} {input}`。输入 `{command} help` 查看所有命令。",
  "usage.language": "请这样写：`/shopops language zh-CN`、`/shopops language en` 或 `/shopops language auto`。",
  "language.set": "好的，我会用简体中文回复你。",
  "language.auto": "好的，我会跟随你的 Slack 语言设置。",
  "status.body": "数据库：{db}。待发送消息：{pending}。发送失败消息：{failed}。等待中的定时任务：{timers}。",
  "status.ok": "正常",
  "status.down": "无法连接",
  "error.generic": "抱歉，我这边出了问题。如果再次发生，请把这个编号告诉管理员：{id}",
  "error.forbidden": "只有{who}可以这样做。",
  "home.title": "需要我处理的事",
  "home.empty": "现在没有需要你处理的事。🎉",
  "home.updated": "更新于 {time}（{tz}）",
  "import.noFile": "这条消息没有 CSV 或 JSON 文件。请把文件上传到机器人所在的频道，再在那条消息上使用快捷方式。",
};

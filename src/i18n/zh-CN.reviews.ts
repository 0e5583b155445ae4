import type { enReviews } from "./en.reviews.ts";

// 简体中文：评价预警与每日简报。
export const zhCNReviews: Record<keyof typeof enReviews, string> = {
  "cmd.reviews.setup": "`/reviews channel #评价` · `/reviews route quality @负责人`：紧急预警发到哪里、各原因由谁负责",
  "cmd.reviews.briefing":
    "`/reviews briefing #频道 [09:00]` · `/reviews briefing off #频道` · `/reviews briefing now [#频道]`：每日评价简报（now：发到你的私信，管理员可发到频道）",
  "cmd.reviews.keywords":
    "`/reviews keywords` · `/reviews keyword add 掉漆 quality warning` · `/reviews keyword remove 掉漆`：关键词列表",
  "cmd.reviews.import": "`/reviews import`：评价如何导入（webhook、CSV 或 JSON 文件）",
  "cmd.reviews.hints":
    "`/reviews hints` · `/reviews hint add quality 掉色` · `/reviews hint remove quality 掉色` · `/reviews hint reset`：没有关键词可归因的差评，按这些线索判断原因",
  "reviews.hints.list": "*原因线索* ：关键词未指明原因的差评，按以下线索判断（正则；你添加的词按原样匹配）：\n{list}",
  "reviews.hint.added": "没有关键词归因的评价中出现“{word}”，现在算作 {cause}。",
  "reviews.hint.known": "“{word}”已经算作 {cause}。",
  "reviews.hint.removed": "“{word}”不再算作 {cause}。",
  "reviews.hint.missing": "{cause} 没有线索“{word}”：`/reviews hints` 按原样列出全部线索。",
  "reviews.hint.reset": "原因线索已恢复为内置列表。",
  "rcause.quality": "产品质量",
  "rcause.not_as_described": "描述与实际不符",
  "rcause.logistics": "物流配送延误",
  "rcause.service_attitude": "客服服务态度差",
  "rcause.slow_after_sales": "售后处理不及时",
  "rcause.other": "其他",
  "reviews.usage":
    "请这样写：`/reviews channel #评价`、`/reviews briefing #频道 09:00`、`/reviews keywords`、`/reviews keyword add <词> <类别> <notice|warning|critical>`、`/reviews keyword remove <词>`、`/reviews hints`、`/reviews hint add <原因> <词>` 或 `/reviews route quality @负责人`。类别：{categories}。",
  "reviews.error.admin":
    "只有工作区管理员或所有者（或 ADMIN_USER_IDS 中的人）可以修改评价设置或向频道发送。单独输入 `/reviews briefing now` 会把简报发到你的私信。",
  "reviews.channel.saved": "紧急评价预警现在发到 <#{channel}>。",
  "reviews.route.saved": "{cause}类评价现在转给 <@{user}>。",
  "reviews.keyword.saved": "关键词“{word}”（{category}，{severity}）已保存。",
  "reviews.keyword.removed": "关键词“{word}”已删除。",
  "reviews.keyword.missing": "没有关键词“{word}”。",
  "reviews.keywords.list": "*关键词* （{count} 个）：\n{list}",
  "reviews.briefing.saved": "每日评价简报将于 {time}（{tz}）发到 <#{channel}>。",
  "reviews.briefing.off": "<#{channel}> 不再接收评价简报。",
  "reviews.briefing.queued": "{date} 的简报已发到 <#{channel}>。",
  "reviews.briefing.queuedDm": "{date} 的简报已发到你的私信。",
  "reviews.alert.title": "🚨 紧急评价 · {platform} · SKU {sku} · {stars}",
  "reviews.alert.grouped": "🚨 SKU {sku} 有 {count} 条紧急评价，写于 {from} 至 {to}（{tz}）",
  "reviews.case.summary": "[{platform} {stars} SKU {sku}{order}] {text}",
  "reviews.case.order": " · 订单 {order}",
  "reviews.alert.meta": "订单 {order} · {time} · 原因：{causes} · 关键词：{keywords}",
  "reviews.alert.draft": "*回复草稿（LSCW）*",
  "reviews.alert.openCase": "建立客诉工单",
  "reviews.draft.listen": "亲，我们非常理解您收到这样的商品时的心情。",
  "reviews.draft.sorry": "给您带来不好的体验，我们真诚地向您道歉。",
  "reviews.draft.commit.quality": "我们会在 24 小时内为您补发或退款，质检团队也在排查这批商品。",
  "reviews.draft.commit.not_as_described": "我们会在 24 小时内为您安排免费退换，并修正商品描述。",
  "reviews.draft.commit.logistics": "我们今天就去催促快递，24 小时内为您加急补发或补偿延误。",
  "reviews.draft.commit.service_attitude": "客服主管会在 2 小时内致电您，把这件事处理好。",
  "reviews.draft.commit.slow_after_sales": "您的问题已转给专员，会在 24 小时内处理完毕。",
  "reviews.draft.commit.other": "专员会在 24 小时内联系您并给出解决方案。",
  "reviews.draft.wrap": "感谢您的反馈，我们会持续改进，期待再次为您服务。",
  "reviews.briefing.title": "📰 每日评价简报 {date}",
  "reviews.briefing.totals":
    "评价 *{total}* 条 · 差评 *{negative}* 条 · 差评率 *{rate}* （前一天 {prevRate}，7 日平均 {avgRate}）",
  "reviews.briefing.cause": "• {cause}：{count} 条（{share}；较前一天 {vsPrev}，较 7 日平均 {vsAvg}）{!owner}",
  "reviews.briefing.keywords": "*高频关键词：* {list}",
  "reviews.briefing.skus": "*差评最多的 SKU：* {list}",
  "reviews.briefing.examples": "*评价示例*",
  "reviews.briefing.none": "没有差评。🎉",
  "reviews.briefing.refundTag": "🏷️ 其中 {count} 条要求退款（{share}）",
  "reviews.briefing.otherTop":
    "⚠️ 大多数差评没有匹配到已知原因：请看示例，并为它们说的内容添加关键词（`/reviews keyword add <词> <类别> <级别>`）。",
  "reviews.import.result": "已导入 {stored} 条评价，{duplicates} 条已存在，{bad} 行有误。{problems}",
  "reviews.import.hint":
    "把 CSV 或 JSON 文件上传到机器人所在的频道，然后在该消息上点 ⋯ → *导入评价。* 评价也可以通过 webhook `POST /webhooks/reviews`（JSON 或 NDJSON，`Authorization: Bearer <REVIEWS_WEBHOOK_TOKEN>`）导入，或在服务器上从 CSV/JSON 文件导入：`npm run import:reviews -- 文件.csv`（UTF-8、带 BOM 的 UTF-8 或 GBK；列：platform, review_id, order_id, sku, rating, text, time）。",
};

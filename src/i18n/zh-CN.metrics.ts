import type { enMetrics } from "./en.metrics.ts";

// 简体中文：数据简报与异常预警。
export const zhCNMetrics: Record<keyof typeof enMetrics, string> = {
  "cmd.metrics.digest":
    "`/metrics digest #频道|me [店铺] [daily|weekly mon] [09:00]` · `/metrics digest off #频道|me [店铺]` · `/metrics now [店铺]`：定时数据简报与即时简报",
  "cmd.metrics.targets": "`/metrics target shop1 2026-11 3000000`：店铺月度 GMV 目标（日目标按天数平摊）",
  "cmd.metrics.alerts":
    "`/metrics alerts` · `/metrics alerts warning #运营预警` · `/metrics rule static 20% 40%` · `/metrics rule dynamic 4 2` · `/metrics rule correlated 10% 20%`：异常预警、各级别接收人、规则",
  "cmd.metrics.import":
    "`/metrics import`：数据如何导入（webhook、文件、平台导出文件）· `/metrics import presets`：可识别的导出文件",
  "metrics.usage":
    "请这样写：`/metrics digest #频道 shop1 daily 09:00`、`/metrics digest me shop1 weekly mon 09:00`、`/metrics now shop1`、`/metrics target shop1 2026-11 3000000`、`/metrics alerts warning #频道` 或 `/metrics rule static 20% 40%`。",
  "metrics.error.admin": "只有工作区管理员或所有者（或 ADMIN_USER_IDS 中的人）可以修改目标、预警接收人和规则。",
  "metrics.error.digestChannel":
    "只有工作区管理员或所有者可以把日报发到频道。你可以发到自己的私信：`/metrics digest me {store} daily 09:00`。",
  "metrics.error.time": "“{time}”不是有效的时间：请写成 HH:MM，00:00 到 23:59（例如 09:30）。没有做任何更改。",
  "metrics.error.weekday": "“{day}”不是星期几：请用 mon、tue、wed、thu、fri、sat 或 sun。没有做任何更改。",
  "metrics.error.month": "月份“{month}”无效：请写成 YYYY-MM，例如 2026-11。",
  "metrics.error.gmv": "目标“{gmv}”不是金额：请用数字写 GMV（元），例如 3000000 或 2500000.50。",
  "metrics.now.queued": "{store} 昨天的摘要正在发到你和我的私信里。",
  "metrics.error.noData":
    "店铺“{store}”还没有数据。请发送到 `POST /webhooks/metrics` 或运行 `npm run import:metrics -- 文件.csv`。",
  "metrics.target.saved": "{store} 在 {month} 的 GMV 目标：{gmv}。",
  "metrics.digest.saved": "{cadence}：{store} 的简报将于 {time}（{tz}）发给 {!target}。",
  "metrics.digest.off": "{!target} 不再接收 {store} 的简报。",
  "metrics.digest.daily": "每日简报",
  "metrics.digest.weekly": "每周简报（{weekday}）",
  "metrics.recipients.saved": "{level}预警现在发给 {!target}。",
  "metrics.rules.saved": "规则已保存：{rules}",
  "metrics.rules.describe":
    "静态：下降 {warning}% 警告 / {critical}% 紧急 · 动态：{weeks} 周 ±{k}σ {dynamicLevel} · 关联：UV +{uvUp}% 且转化率 −{conversionDown}% {correlatedLevel}",
  "metrics.rules.show": "*异常规则：* {rules}\n*接收人：* 提醒 {!notice} · 警告 {!warning} · 紧急 {!critical}",
  "metrics.level.notice": "提醒",
  "metrics.level.warning": "警告",
  "metrics.level.critical": "紧急",
  "metrics.digest.title": "📈 {store} · {period}",
  "metrics.digest.gmv": "*GMV* {gmv} · 环比 {dod} · 周同比 {wow} · 年同比 {yoy}",
  "metrics.digest.gmvWeek": "*GMV* {gmv} · 较前 7 天 {dod} · 年同比 {yoy}",
  "metrics.digest.target":
    "*目标* 本月累计 {mtd} / {target}（{attainment}）；本期目标 {periodTarget}（{periodAttainment}）",
  "metrics.digest.kpis":
    "UV {uv}（{uvChange}）· 转化率 {conversion}（{conversionChange}）· 客单价 {aov}（{aovChange}）· UV 价值 {uvValue} · ROI {roi} · 退款率 {refundRate}",
  "metrics.digest.funnel": "漏斗：商品页 {pv}（参考 68%）· 加购 {cart}（参考 35%）· 下单 {order}（参考 25%）",
  "metrics.digest.split":
    "*GMV 变化 {total}* = UV {uv} + 转化率 {conversion} + 人均消费 {perBuyer} → 主要来自 *{factor}*",
  "metrics.digest.movers": "*变化最大：* {list}",
  "metrics.digest.skuMovers": "*变化最大的 SKU：* {list}",
  "metrics.digest.moversTitle": "📊 变化最大 · {store} · {period}",
  "metrics.digest.col.by": "维度",
  "metrics.digest.col.channel": "渠道",
  "metrics.digest.col.sku": "SKU",
  "metrics.digest.col.name": "名称",
  "metrics.digest.col.now": "GMV",
  "metrics.digest.col.before": "上一期",
  "metrics.digest.col.change": "变化",
  "metrics.digest.chartTitle": "{store} 近 30 天 GMV",
  "metrics.digest.series": "GMV",
  "metrics.digest.avg": "7 日均线",
  "metrics.factor.uv": "UV（流量）",
  "metrics.factor.conversion": "转化率",
  "metrics.factor.perBuyer": "人均消费（客单价）",
  "metrics.alert.static":
    "{icon} {level}：{store} {date} 的 GMV 为 {value}，环比 {change}（前一天 {reference}）。可能原因： *{factor}* {!channel}。",
  "metrics.alert.dynamic":
    "{icon} {level}：{store} {date} 的 GMV 为 {value}，超出同期星期几的正常区间（均值 {reference}，{change}）。可能原因： *{factor}* {!channel}。",
  "metrics.alert.correlated":
    "{icon} {level}：{store} {date}：UV 上升但转化率下降 {change}（{reference} → {value}）。请检查流量质量和落地页{!channel}。",
  "metrics.alert.channel": "；渠道 *{channel}* 变化最大（{delta}）",
  "metrics.alert.ack": "确认",
  "metrics.alert.task": "创建行动计划",
  "metrics.alert.taskBody":
    "目标：让 {store} 的 {metric} 恢复正常（{date} 的预警）。\n措施：…\n五问法：哪个品类、渠道，还是全站？UV × 转化率 × 客单价中哪个因素变了？\n\n{text}",
  "metrics.alert.snooze": "推迟到明天 09:00",
  "metrics.alert.acked": "✅ <@{user}> 已确认",
  "metrics.alert.alreadyAcked": "这条预警刚刚已被他人确认，无需再处理。",
  "metrics.alert.alreadySnoozed": "这条预警刚刚已被他人暂停提醒，无需再处理。",
  "metrics.alert.snoozed": "💤 <@{user}> 已推迟到 {until}",
  "metrics.import.result": "已导入新数据 {stored} 行，替换 {replaced} 行；预警 {alerts} 条；{bad} 行有误。{problems}",
  "metrics.import.hint":
    "把 CSV 或 JSON 文件，或平台导出文件（生意参谋、京东商智、抖店、拼多多、淘宝订单、Shopify、Amazon：导出按钮给的 `.xlsx`、`.xls` 或 CSV），上传到机器人所在的频道，然后在该消息上点 ⋯ → `Import metrics`；平台导出文件会先显示预览。`/metrics import presets` 列出可识别的导出文件。数据也可以通过 webhook `POST /webhooks/metrics`（JSON，`Authorization: Bearer <METRICS_WEBHOOK_TOKEN>`）导入，或在服务器上从文件导入：`npm run import:metrics -- 文件.csv`（UTF-8、带 BOM 的 UTF-8 或 GBK；列：date, hour, store, channel, sku, uv, pv, product_views, cart_adds, orders, buyers, gmv, refunds, ad_spend, new_customers）。重复发送同一天的数据会替换原数据。",
};

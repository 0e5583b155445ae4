import type { enDelivery } from "./en.delivery.ts";

// 匯總消息：新消息來得比 Slack 允許的發送速度快時，機器人發出的匯總。
export const zhCNDelivery: Record<keyof typeof enDelivery, string> = {
  "rollup.urgent": "其中紧急或 VIP {n} 条",
  "rollup.more": "……其余 {n} 条列在消息列中，也都在应用的「首页」标签里。",
  "rollup.page": "第 {from}–{to} 条，共 {count} 条",
  "rollup.postAll": "逐条发出",
  "rollup.postAll.title": "逐条发出全部消息？",
  "rollup.postAll.text": "将在这里逐条发出本汇总中的 {n} 条消息，按 Slack 的速度约每分钟 60 条：约需 {minutes} 分钟。",
  "rollup.postAll.yes": "发出",
  "rollup.postAll.no": "取消",
  "rollup.postOne": "发出其中一条…",
  "rollup.posting": "正在这里逐条发出 {n} 条消息，约每分钟 60 条。",
  "rollup.postingOne": "马上在这里发出。",
  "rollup.nothing": "这条汇总里的消息都已经发出了。",
  "rollup.complaint.opened": "{tier} 级 · 新工单 {count} 个",
  "rollup.complaint.escalated": "{tier} 级 · 升级到这里的工单 {count} 个",
  "rollup.complaint.moved": "{tier} 级 · 已升级离开的工单 {count} 个",
  "rollup.complaint.notes": "{tier} 级 · 需要关注的工单 {count} 个",
  "rollup.complaint.owner": "你的工单 · 新动态 {count} 条",
  "rollup.promo.reminders": "活动 · 需要你处理的事项 {count} 项",
  "rollup.promo.channel": "活动 · 新动态 {count} 条",
  "rollup.raci.reminders": "任务 · 提醒 {count} 条",
  "rollup.reviews.alerts": "评价 · 预警 {count} 条",
  "rollup.metrics.alerts": "指标 · 预警 {count} 条",
};

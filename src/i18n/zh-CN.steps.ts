// 简体中文：工作流步骤（错误会显示在工作流的活动记录里）。
import type { enSteps } from "./en.steps.ts";

export const zhCNSteps: Record<keyof typeof enSteps, string> = {
  "step.error.input": "输入项“{label}”（{name}）：{problem}",
  "step.error.unknown": "shopops 没有名为 {step} 的步骤。请把工作流改用 shopops 清单里的步骤。",
  "step.problem.required": "必填，但为空。",
  "step.problem.text": "必须是文字。",
  "step.problem.tooLong": "超过 {max} 个字符。",
  "step.problem.oneOf": "“{value}”不在可选值中：{choices}。",
  "step.problem.integer": "“{value}”不是整数。",
  "step.problem.number": "“{value}”不是数字。",
  "step.problem.boolean": "必须是 `true` 或 `false`。",
  "step.problem.user": "“{value}”不是本工作区的成员。",
  "step.problem.channel": "“{value}”不是频道。",
  "step.problem.timestamp": "“{value}”不是时间。",
  "step.problem.date": "“{value}”不是日期（YYYY-MM-DD）。",
  "step.problem.list": "必须是列表。",
  "step.problem.messageLink": "不是 Slack 消息链接（在消息上用“复制链接”获取）。",
  "step.problem.orderNo": "订单号为 3 到 64 位字母、数字或短横线。",
  "step.problem.rating": "{value} 不是 1 到 5 的评分。",
};

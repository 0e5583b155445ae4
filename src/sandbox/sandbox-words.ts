// What the sandbox itself says in the conversation (the review it sent for you, a workflow that
// stopped), in the acting person's language, as Slack's own notices are.
import type { Workspace } from "./standin/workspace.ts";

const WORDS = {
  en: {
    reviewSent: (sku: string, stars: string, critical: boolean) =>
      `📝 Review of ${sku} (${stars}) sent through the reviews webhook${critical ? ": critical, so it is in #reviews now" : ": it counts in tomorrow's briefing"}.`,
    reviewRefused: (status: number, body: string) => `⚠️ The reviews webhook answered ${status}: ${body}`,
    reviewUsage: "write it as /review <1-5> <sku> <text>, e.g. /review 2 MUG-300 杯口掉漆了",
    workflowStopped: (title: string, step: number, error: string) =>
      `⚠️ Workflow “${title}” stopped at step ${step}: ${error}`,
    workflowFailed: (title: string, error: string) => `⚠️ Workflow “${title}” could not run: ${error}`,
  },
  "zh-CN": {
    reviewSent: (sku: string, stars: string, critical: boolean) =>
      `📝 ${sku} 的评价（${stars}）已通过评价 \`webhook\` 发送：${critical ? "紧急，已发到 #reviews。" : "会计入明天的简报。"}`,
    reviewRefused: (status: number, body: string) => `⚠️ 评价 \`webhook\` 返回 ${status}：${body}`,
    reviewUsage: "请这样写：/review <1-5> <SKU> <内容>，例如 /review 2 MUG-300 杯口掉漆了",
    workflowStopped: (title: string, step: number, error: string) => `⚠️ 工作流“${title}”在第 ${step} 步停止：${error}`,
    workflowFailed: (title: string, error: string) => `⚠️ 工作流“${title}”无法运行：${error}`,
  },
};

export type SandboxWords = (typeof WORDS)["en"];

export function sandboxWords(ws: Workspace, userId: string): SandboxWords {
  return ws.people.get(userId)?.locale?.startsWith("zh") ? WORDS["zh-CN"] : WORDS.en;
}

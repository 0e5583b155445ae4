// The page's own words (Slack's client chrome, not the bot's messages), in the acting person's
// language as Slack's client would show them.
import { person, s } from "./session.ts";

const WORDS = {
  en: {
    optional: " (optional)",
    select: "Select…",
    required: "Please complete this required field.",
    cancel: "Cancel",
    edited: "(edited)",
    onlyYou: "Only visible to you",
    replyInThread: "Reply in thread",
    reply: "reply",
    replies: "replies",
    send: "Send",
    attach: "Attach a file (a platform export, a CSV): then ⋯ → Import metrics on its message",
    replyBox: "Reply…",
    messageBox: "Message or /command in",
    actingAs: "Acting as",
    loadDemo: "Load demo data",
    loadingDemo: "Loading demo data…",
  },
  "zh-CN": {
    optional: "（选填）",
    select: "请选择…",
    required: "请填写此必填项。",
    cancel: "取消",
    edited: "（已编辑）",
    onlyYou: "仅你可见",
    replyInThread: "在消息列中回复",
    reply: "条回复",
    replies: "条回复",
    send: "发送",
    attach: "附加文件（平台导出文件或 CSV），然后在该消息的 ⋯ 中选择 Import metrics",
    replyBox: "回复…",
    messageBox: "发送消息或 /命令到",
    actingAs: "当前身份",
    loadDemo: "载入演示数据",
    loadingDemo: "正在载入演示数据…",
  },
} as const;

export type Word = keyof (typeof WORDS)["en"];

export function word(w: Word): string {
  const locale = person(s.as)?.locale ?? "zh-CN";
  return WORDS[locale.startsWith("zh") ? "zh-CN" : "en"][w];
}

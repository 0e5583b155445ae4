// The Workflow Builder steps shopops publishes (manifest.yml `functions`), written once: the
// manifest's entries are checked against these (tests/unit/workflow-manifest.test.ts), the inputs
// are read with them, and the stand-in checks outputs with them as Slack would.
import { CAUSES, URGENCIES } from "../complaints/rules.ts";
import { KINDS } from "../campaigns/rules.ts";

import { p, req, type StepDef } from "./step-params.ts";

export const STEPS: readonly StepDef[] = [
  {
    callbackId: "open_complaint_case",
    title: "Open complaint case / 开客诉工单",
    description:
      "Opens a complaint case at its starting tier with its clock running, like the Escalate complaint shortcut",
    inputs: [
      p(
        "agent",
        "slack#/types/user_id",
        "Case owner",
        "工单负责人",
        "The customer-service agent who owns the case",
        req,
      ),
      p("order_number", "string", "Order number", "订单号", "Letters, digits and dashes, 3 to 64", {
        ...req,
        maxLength: 64,
      }),
      p("customer", "string", "Customer", "客户", "The customer's name or nickname", { ...req, maxLength: 200 }),
      p(
        "cause",
        "string",
        "Cause",
        "原因",
        "quality, not_as_described, logistics, service_attitude, slow_after_sales or other",
        { ...req, enum: CAUSES },
      ),
      p("urgency", "string", "Urgency", "紧急程度", "urgent (answer within 2 h) or general (resolve within 24 h)", {
        ...req,
        enum: URGENCIES,
      }),
      p("summary", "string", "Summary", "摘要", "What happened, in a sentence or two", { ...req, maxLength: 3000 }),
      p("vip", "boolean", "VIP customer", "VIP 客户", "A VIP's case may start at a higher tier"),
      p(
        "message_link",
        "string",
        "Message link",
        "消息链接",
        "A link to the customer conversation in Slack: the case is linked in its thread",
        { maxLength: 500 },
      ),
    ],
    outputs: [
      p("case_number", "integer", "Case number", "工单号", "The case's number (#12)", req),
      p("case_id", "string", "Case id", "工单 ID", "The case's id, for the Wait for complaint resolution step", req),
      p("tier", "integer", "Tier", "层级", "The tier the case starts at", req),
      p(
        "channel",
        "slack#/types/channel_id",
        "Tier channel",
        "层级频道",
        "The channel of that tier, where the case card is posted",
        req,
      ),
      p(
        "response_deadline",
        "slack#/types/timestamp",
        "Deadline",
        "时限",
        "When the case must be answered (urgent) or resolved (general)",
      ),
    ],
  },
  {
    callbackId: "create_raci_task",
    title: "Create RACI task / 创建 RACI 任务",
    description: "Creates a task with one Accountable, its Responsible, Consulted and Informed people, like /task new",
    inputs: [
      p(
        "created_by",
        "slack#/types/user_id",
        "Created by",
        "创建人",
        "Who the task is created for (usually the person who ran the workflow)",
        req,
      ),
      p("title", "string", "Title", "标题", "The task in a few words", { ...req, maxLength: 150 }),
      p("description", "string", "Description", "说明", "What done looks like", { maxLength: 3000 }),
      p("due_date", "slack#/types/date", "Due date", "截止日期", "The day it is due", req),
      p("responsible", "array", "Responsible (R)", "执行人 (R)", "Who does the work", {
        ...req,
        items: "slack#/types/user_id",
      }),
      p(
        "accountable",
        "slack#/types/user_id",
        "Accountable (A)",
        "负责人 (A)",
        "The one person who approves the result",
        req,
      ),
      p("consulted", "array", "Consulted (C)", "咨询 (C)", "Whose input is needed before it is done", {
        items: "slack#/types/user_id",
      }),
      p("informed", "array", "Informed (I)", "知会 (I)", "Who hears the outcome", { items: "slack#/types/user_id" }),
      p("channel", "slack#/types/channel_id", "Channel", "频道", "Where the task card is posted", req),
    ],
    outputs: [
      p("task_number", "integer", "Task number", "任务号", "The task's number (#7)", req),
      p("message_link", "string", "Task card link", "任务卡片链接", "A link to the task's card in its channel", req),
    ],
  },
  {
    callbackId: "start_promotion_playbook",
    title: "Start promotion playbook / 启动大促清单",
    description: "Creates a promotion with its T-30 to T+ checklist and reminders, like /promo new",
    inputs: [
      p("created_by", "slack#/types/user_id", "Created by", "创建人", "Who starts the promotion", req),
      p("name", "string", "Name", "名称", "The promotion's name, e.g. 双11 2026", { ...req, maxLength: 100 }),
      p(
        "kind",
        "string",
        "Kind",
        "类型",
        "618, double11, double12, newyear, brandday or custom (read from the name when empty)",
        { enum: KINDS },
      ),
      p("event_date", "slack#/types/date", "Event day (T)", "活动日 (T)", "The day of the event", req),
      p("channel", "slack#/types/channel_id", "Channel", "频道", "Where the checklist is posted", req),
      p("owner", "slack#/types/user_id", "Owner", "负责人", "Who owns the promotion and, at first, every item", req),
    ],
    outputs: [
      p(
        "promotion_number",
        "integer",
        "Promotion number",
        "活动号",
        "The promotion's number (for /promo commands)",
        req,
      ),
      p("checklist_link", "string", "Checklist link", "清单链接", "A link to the checklist message", req),
      p(
        "t30_date",
        "slack#/types/date",
        "T-30 date",
        "T-30 日期",
        "Thirty days before the event: when preparation starts",
        req,
      ),
    ],
  },
  {
    callbackId: "record_review",
    title: "Record review / 记录评价",
    description: "Records a customer review, classifies it and alerts on critical ones, like the reviews webhook",
    inputs: [
      p("platform", "string", "Platform", "平台", "tmall, jd, pdd, douyin, amazon…", { ...req, maxLength: 30 }),
      p("sku", "string", "SKU", "SKU", "The product's SKU", { ...req, maxLength: 100 }),
      p("rating", "integer", "Rating", "评分", "1 to 5 stars", req),
      p("text", "string", "Review text", "评价内容", "What the customer wrote", { ...req, maxLength: 5000 }),
      p("order", "string", "Order number", "订单号", "The order it is about", { maxLength: 100 }),
      p(
        "reviewed_at",
        "slack#/types/timestamp",
        "Review time",
        "评价时间",
        "When the customer wrote it (now when empty)",
      ),
      p(
        "review_id",
        "string",
        "Review id",
        "评价 ID",
        "The platform's id for the review; the same id is recorded once",
        { maxLength: 100 },
      ),
    ],
    outputs: [
      p("severity", "string", "Severity", "严重程度", "none, notice, warning or critical: branch on it", req),
      p(
        "cause",
        "string",
        "Main cause",
        "主要原因",
        "quality, not_as_described, logistics, service_attitude, slow_after_sales, other or none",
        req,
      ),
      p("matched_keywords", "array", "Matched keywords", "命中关键词", "The keywords found in the text", {
        ...req,
        items: "string",
      }),
    ],
  },
  {
    callbackId: "wait_for_complaint_resolution",
    title: "Wait for complaint resolution / 等待客诉结案",
    description: "Waits until the case is closed (resolved, confirmed and rated), then continues with the outcome",
    inputs: [
      p("case", "string", "Case", "工单", "The case id from Open complaint case, or its number", {
        ...req,
        maxLength: 40,
      }),
    ],
    outputs: [
      p("case_number", "integer", "Case number", "工单号", "The case's number", req),
      p(
        "outcome",
        "string",
        "Outcome",
        "结果",
        "The remedy given: apology, coupon, partial_refund, full_refund or none",
        req,
      ),
      p("satisfaction", "integer", "Satisfaction", "满意度", "The customer's rating, 1 to 5", req),
      p("closed_at", "slack#/types/timestamp", "Closed at", "结案时间", "When the case was closed", req),
    ],
  },
];

export const stepById = (callbackId: string) => STEPS.find((s) => s.callbackId === callbackId);

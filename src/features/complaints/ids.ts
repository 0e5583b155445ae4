// Every Slack id of the complaint feature, defined once so buttons and handlers can't drift.
export const COMMAND = "/complaint";
export const SHORTCUT_ESCALATE = "complaint_escalate";
export const VIEW_CREATE = "complaint_create";
export const VIEW_ESCALATE = "complaint_escalate_now";
export const VIEW_REMEDY = "complaint_remedy";
export const ACTION = {
  ack: "complaint_ack",
  escalate: "complaint_escalate_open",
  remedy: "complaint_remedy_open",
  approve: "complaint_remedy_approve",
  reject: "complaint_remedy_reject",
  waiting: "complaint_waiting",
  resume: "complaint_resume",
  resolve: "complaint_resolve",
  confirm: "complaint_confirm",
  rate: "complaint_rate",
  reopen: "complaint_reopen",
} as const;
/** /complaint list's next and previous page (value: the offset). */
export const ACTION_LIST_PAGE = "complaint_list_page";
export type ActionName = keyof typeof ACTION;
/** block_id / action_id pairs of the create modal's inputs. */
export const FIELD = {
  order: "order",
  customer: "customer",
  vip: "vip",
  cause: "cause",
  urgency: "urgency",
  summary: "summary",
  reason: "reason",
  remedyKind: "remedy_kind",
  amount: "amount",
  note: "note",
} as const;

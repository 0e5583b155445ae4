// Every Slack and timer id of the RACI feature, defined once so buttons, handlers and timers agree.
export const ACTION = {
  accept: "raci_accept",
  start: "raci_start",
  block: "raci_block",
  done: "raci_done",
  approve: "raci_approve",
  sendBack: "raci_send_back",
  answer: "raci_answer",
  waive: "raci_waive",
} as const;
export const VIEW_CREATE = "raci_create";
export const VIEW_REASON = "raci_reason";
export const SHORTCUT = "raci_make_task";
export const JOB_REMIND = "raci.remind";
export const ACTION_SNOOZE = "raci_snooze";
export const JOB_INFORM = "raci.inform";
export const COMMAND = "/task";
/** What every timer of a task starts with (and is cancelled by): written once here. */
export const taskTimers = (taskId: string) => `raci:${taskId}`;

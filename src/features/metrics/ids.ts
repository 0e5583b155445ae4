// Every Slack and timer id of the metrics feature, defined once so buttons, handlers and timers agree.
export const JOB_DIGEST = "metrics.digest";
export const COMMAND = "/metrics";
export const ACTION_ACK = "metrics_alert_ack";
export const ACTION_SNOOZE = "metrics_alert_snooze";
export const ACTION_CREATE_TASK = "metrics_alert_task";

// Every Slack and timer id of the metrics feature, defined once so buttons, handlers and timers agree.
export const JOB_DIGEST = "metrics.digest";
/**
 * Announced (a timer due at once) when a new hour of a live day arrives for a store: the T0 war
 * room redraws on the data, not only on its interval, so an hour's dip is seen when it lands.
 */
export const JOB_HOURS_ARRIVED = "metrics.hours_arrived";
export const COMMAND = "/metrics";
export const ACTION_ACK = "metrics_alert_ack";
export const ACTION_SNOOZE = "metrics_alert_snooze";
export const ACTION_CREATE_TASK = "metrics_alert_task";

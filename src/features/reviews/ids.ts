// Every Slack and timer id of the reviews feature, defined once so buttons, handlers and timers agree.
export const ACTION_OPEN_CASE = "reviews_open_case";
export const JOB_BRIEFING = "reviews.briefing";
export const COMMAND = "/reviews";

// How a Slack call or download failed, as whoever retries it (the outbox) or answers the user reads it.
/** How a failed Slack call should be treated by whoever retries it. */
export type CallFailure =
  | { type: "ratelimited"; retryAfterMs: number }
  | { type: "transient"; reason: string }
  | { type: "permanent"; reason: string };

export class SlackCallError extends Error {
  constructor(readonly failure: CallFailure) {
    super(`slack call failed: ${failure.type} ${"reason" in failure ? failure.reason : failure.retryAfterMs}`);
  }
}

/** A URL the bot token must never be sent to. */
export class ForeignHostError extends Error {
  constructor(readonly url: string) {
    super(`refusing to send the bot token to ${new URL(url).host}`);
  }
}

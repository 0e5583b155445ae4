import type { MessageKey, Params } from "./i18n.ts";

/** An error the user can act on: the Slack layer shows its message in the user's language. */
export class DomainError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: Params = {},
  ) {
    super(key);
  }
}

// How handlers answer: through the outbox, and with errors turned into words the user can act on.
import { randomUUID } from "node:crypto";
import type { Deps } from "../deps.ts";
import { DomainError } from "../infra/errors.ts";
import { t, type Locale } from "../infra/i18n.ts";
import type { MessageBody } from "../outbox/message.ts";
import { isMalformed } from "./payload.ts";

export interface ReplyTarget {
  responseUrl?: string;
  channel?: string;
  userId: string;
}

/** An ephemeral answer, preferably through response_url: it works even where the bot isn't a member. */
export async function replyEphemeral(deps: Deps, to: ReplyTarget, body: MessageBody): Promise<void> {
  if (to.responseUrl) {
    await deps.outbox.enqueue(deps.db, {
      kind: "respond",
      responseUrl: to.responseUrl,
      body: { response_type: "ephemeral", replace_original: false, ...body },
    });
  } else if (to.channel) {
    await deps.outbox.enqueue(deps.db, { kind: "ephemeral", channel: to.channel, userId: to.userId, body });
  } else {
    await dmUser(deps, to.userId, body);
  }
}

/**
 * Answers a read-only command in the HTTP response itself: no outbox row, no second request,
 * nothing to keep if the process dies (the person simply asks again). If the answer isn't ready
 * within Slack's budget, the command is acked empty and the answer follows through the outbox.
 */
export async function answerInAck(
  deps: Deps,
  ack: (body?: Record<string, unknown>) => Promise<void>,
  to: ReplyTarget,
  produce: () => Promise<MessageBody>,
  budgetMs = 2000,
): Promise<void> {
  let late = false;
  const timer = setTimeout(() => {
    late = true;
    void ack().catch(() => {});
  }, budgetMs);
  let body: MessageBody;
  try {
    body = await produce();
  } catch (e) {
    // In the asker's language (the workspace's only if their profile can't be read).
    const locale = await deps.people
      .context(to.userId)
      .then((u) => u.locale)
      .catch(() => deps.config.DEFAULT_LOCALE);
    body = { text: errorText(deps, locale, e, "command") };
  }
  clearTimeout(timer);
  if (!late) return ack({ response_type: "ephemeral", ...body });
  await replyEphemeral(deps, to, body);
}

/**
 * An answer that needs no durability (a list, a report, a usage hint): posted to the
 * response_url at once, without an outbox row; if that fails it falls back to the outbox.
 */
export async function answerNow(deps: Deps, to: ReplyTarget, body: MessageBody): Promise<void> {
  if (to.responseUrl) {
    try {
      return await deps.slack.respond(to.responseUrl, { response_type: "ephemeral", replace_original: false, ...body });
    } catch (e) {
      deps.log.warn({ err: e }, "direct answer failed; queued instead");
    }
  }
  await replyEphemeral(deps, to, body);
}

/** A message in the user's DM with the bot (chat.postMessage to a user id opens it). */
export async function dmUser(deps: Deps, userId: string, body: MessageBody): Promise<void> {
  await deps.outbox.enqueue(deps.db, { kind: "post", channel: userId, body });
}

/**
 * Handles a failure after the ack: a malformed value from a forged or garbled payload is logged
 * and nothing is said; any other error gets `say(errorText(…))`.
 */
export async function answerFailure(
  deps: Deps,
  locale: Locale,
  e: unknown,
  where: string,
  say: (text: string) => Promise<unknown>,
): Promise<void> {
  if (isMalformed(e)) {
    deps.log.warn({ where, reason: e.message.slice(0, 200) }, "malformed payload ignored");
    return;
  }
  await say(errorText(deps, locale, e, where));
}

/** Text for an error: a DomainError's own message, otherwise an apology with an id to quote. */
export function errorText(deps: Deps, locale: Locale, e: unknown, where: string): string {
  if (e instanceof DomainError) return t(locale, e.key, e.params);
  const id = randomUUID().slice(0, 8);
  deps.log.error({ err: e, errorId: id, where }, "handler failed");
  return t(locale, "error.generic", { id });
}

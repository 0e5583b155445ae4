// The review alert's "Open complaint case" button: the complaint form, prefilled from the review.
import type { App, BlockAction } from "@slack/bolt";
import type { Deps } from "../../deps.ts";
import { ackFirst } from "../../slack/ack.ts";
import { personOf } from "../../slack/handler-context.ts";
import { errorText, replyEphemeral } from "../../slack/reply.ts";
import { openCreateModal } from "../complaints/slack-create.ts";
import { ACTION_OPEN_CASE } from "./ids.ts";
import { caseSummaryFor } from "./review-case.ts";

export function registerActions(app: App, deps: Deps): void {
  // Each alert's button has its own action_id (several alerts can share one message).
  app.action<BlockAction>(new RegExp(`^${ACTION_OPEN_CASE}_`), async ({ ack, body, action, context }) => {
    await ackFirst(ack);
    const user = await personOf(context);
    const summary = await caseSummaryFor(deps, "value" in action ? String(action.value ?? "") : "", user.t);
    if (summary === undefined) return;
    try {
      await openCreateModal(deps, body.user.id, body.trigger_id, { summary, meta: {} });
    } catch (e) {
      const text = errorText(deps, user.locale, e, "reviews open case");
      await replyEphemeral(deps, { responseUrl: body.response_url, userId: body.user.id }, { text });
    }
  });
}

// Buttons and menus: the checklist's item menu and go/no-go button, the reminder DM's buttons.
import type { App, BlockAction } from "@slack/bolt";
import type { Deps } from "../../deps.ts";
import { DomainError } from "../../infra/errors.ts";
import { formatInZone } from "../../infra/time.ts";
import { snoozeTimer } from "../../scheduler/timers.ts";
import { ackFirst } from "../../slack/ack.ts";
import { answerFailure, replyEphemeral } from "../../slack/reply.ts";
import { actionValue, parseValue } from "../../slack/payload.ts";
import { userContext } from "../../people/people.ts";
import { ACTION } from "./ids.ts";
import { changeItem, signGate } from "./manage.ts";
import { isRealDate } from "../../infra/time.ts";
import { ACTION_CREATE_FROM_CALENDAR } from "./answers.ts";
import { createModal, itemModal } from "./modals.ts";
import { KINDS, type Kind } from "./rules.ts";
import { templateNames } from "./templates.ts";
import { IdValue, ItemMenuValue } from "./schema.ts";

export function registerActions(app: App, deps: Deps): void {
  const guarded = async (body: BlockAction, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (e) {
      const user = await userContext(deps, body.user.id);
      await answerFailure(deps, user.locale, e, "promo action", (text) =>
        replyEphemeral(
          deps,
          { responseUrl: body.response_url, channel: body.channel?.id, userId: body.user.id },
          { text },
        ),
      );
    }
  };

  app.action<BlockAction>(ACTION.item, async ({ ack, body, action }) => {
    await ackFirst(ack);
    await guarded(body, async () => {
      const value = parseValue(ItemMenuValue, actionValue(action), "item menu value");
      const [verb, itemId] = value.split(":") as [string, string];
      if (verb === "edit") {
        const item = await deps.db.campaignItem.findUnique({ where: { id: itemId } });
        if (!item) throw new DomainError("promo.error.notFound", { ref: itemId });
        const user = await userContext(deps, body.user.id);
        await deps.slack.call("views.open", {
          trigger_id: body.trigger_id,
          view: itemModal(user.t, user.locale, item),
        });
        return;
      }
      await changeItem(deps, itemId, body.user.id, { status: verb === "done" ? "done" : "open" });
    });
  });

  // The calendar's "+ Double 11 2027-11-11" opens the create form with the kind and date filled in.
  app.action<BlockAction>(new RegExp(`^${ACTION_CREATE_FROM_CALENDAR}_`), async ({ ack, body, action }) => {
    await ackFirst(ack);
    await guarded(body, async () => {
      const [kind, date] = String("value" in action ? action.value : "").split("|");
      const user = await userContext(deps, body.user.id);
      const view = createModal(user.t, {
        userId: body.user.id,
        channelId: body.channel?.id,
        templates: await templateNames(deps.db),
        kind: (KINDS as readonly string[]).includes(kind ?? "") ? (kind as Kind) : undefined,
        date: isRealDate(date ?? "") ? date : undefined,
      });
      await deps.slack.call("views.open", { trigger_id: body.trigger_id, view });
    });
  });

  app.action<BlockAction>(ACTION.gate, async ({ ack, body, action }) => {
    await ackFirst(ack);
    await guarded(body, () => signGate(deps, parseValue(IdValue, actionValue(action), "promotion id"), body.user.id));
  });

  for (const id of [ACTION.doneFromDm, ACTION.doneFromHome]) {
    app.action<BlockAction>(id, async ({ ack, body, action }) => {
      await ackFirst(ack);
      await guarded(body, () =>
        changeItem(deps, parseValue(IdValue, actionValue(action), "item id"), body.user.id, { status: "done" }),
      );
    });
  }

  // Snooze: the same reminder again in 24 hours, as a timer of its own.
  app.action<BlockAction>(ACTION.snooze, async ({ ack, body, action }) => {
    await ackFirst(ack);
    await guarded(body, async () => {
      const key = "value" in action ? String(action.value ?? "") : "";
      const until = await snoozeTimer(deps, key, "promo:", 24 * 3600_000);
      if (!until) throw new DomainError("promo.error.notFound", { ref: key.slice(0, 20) });
      const user = await userContext(deps, body.user.id);
      await replyEphemeral(
        deps,
        { responseUrl: body.response_url, userId: body.user.id },
        { text: user.t("promo.remind.snoozed", { until: formatInZone(until, user.timeZone) }) },
      );
    });
  });
}

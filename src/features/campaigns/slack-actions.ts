// Buttons and menus: the checklist's item menu and go/no-go button, the reminder DM's buttons,
// and the calendar's "+ new promotion" buttons.
import type { App } from "@slack/bolt";
import type { Deps } from "../../deps.ts";
import { DomainError } from "../../infra/errors.ts";
import { formatInZone, isRealDate } from "../../infra/time.ts";
import { snoozeTimer } from "../../scheduler/timers.ts";
import { onAction } from "../../slack/handler-kit.ts";
import { parseValue } from "../../slack/payload.ts";
import { ACTION_CREATE_FROM_CALENDAR } from "./answers.ts";
import { ACTION } from "./ids.ts";
import { changeItem, findItem, signGate } from "./manage.ts";
import { createModal, itemModal } from "./modals.ts";
import { reminderDone } from "./blocks.ts";
import { KINDS, type Kind } from "./rules.ts";
import { IdValue, ItemMenuValue } from "./schema.ts";
import { templateNames } from "./templates.ts";

const WHERE = "promo action";

export function registerActions(app: App, deps: Deps): void {
  onAction(
    app,
    deps,
    ACTION.item,
    async ({ body, user, value, open }) => {
      const [verb, itemId] = parseValue(ItemMenuValue, value, "item menu value").split(":") as [string, string];
      if (verb === "edit") return open(itemModal(user.t, user.locale, await findItem(deps, itemId)));
      await changeItem(deps, itemId, body.user.id, { status: verb === "done" ? "done" : "open" });
    },
    WHERE,
  );

  // The calendar's "+ Double 11 2027-11-11" opens the create form with the kind and date filled in.
  onAction(
    app,
    deps,
    new RegExp(`^${ACTION_CREATE_FROM_CALENDAR}_`),
    async ({ body, user, value, open }) => {
      const [kind, date] = String(value ?? "").split("|");
      await open(
        createModal(user.t, {
          userId: body.user.id,
          channelId: body.channel?.id,
          templates: await templateNames(deps.db),
          kind: (KINDS as readonly string[]).includes(kind ?? "") ? (kind as Kind) : undefined,
          date: isRealDate(date ?? "") ? date : undefined,
        }),
      );
    },
    WHERE,
  );

  onAction(
    app,
    deps,
    ACTION.gate,
    ({ body, value }) => signGate(deps, parseValue(IdValue, value, "promotion id"), body.user.id),
    WHERE,
  );

  onAction(
    app,
    deps,
    ACTION.doneFromHome,
    ({ body, value }) => changeItem(deps, parseValue(IdValue, value, "item id"), body.user.id, { status: "done" }),
    WHERE,
  );
  // Done pressed on a reminder shows at once in that DM (its response_url): the buttons go.
  onAction(
    app,
    deps,
    ACTION.doneFromDm,
    async ({ body, value, user }) => {
      await changeItem(deps, parseValue(IdValue, value, "item id"), body.user.id, { status: "done" });
      if (!body.response_url) return;
      const said = String(body.message?.text ?? "");
      await deps.slack
        .respond(body.response_url, { replace_original: true, ...reminderDone(user.t, said) })
        .catch((e: unknown) => deps.log.warn({ err: e }, "could not redraw the pressed reminder"));
    },
    WHERE,
  );

  // Snooze: the same reminder again in 24 hours, as a timer of its own.
  onAction(
    app,
    deps,
    ACTION.snooze,
    async ({ user, value }) => {
      const key = String(value ?? "");
      const until = await snoozeTimer(deps, key, "promo:", 24 * 3600_000);
      if (!until) throw new DomainError("promo.error.notFound", { ref: key.slice(0, 20) });
      return user.t("promo.remind.snoozed", { until: formatInZone(until, user.timeZone) });
    },
    WHERE,
  );
}

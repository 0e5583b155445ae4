// /reviews and the alert's "Open complaint case" button.
import { routeCause, setAlertChannel, subscribeBriefing, unsubscribeBriefing } from "./review-settings.ts";
import { COMMAND } from "./ids.ts";
export { COMMAND } from "./ids.ts";
import { channelLocale } from "../../people/channels.ts";
import type { App, BlockAction } from "@slack/bolt";
import type { Deps } from "../../deps.ts";
import { isTimeZone } from "../../config.ts";
import { ackFirst } from "../../slack/ack.ts";
import { answerNow, errorText, replyEphemeral } from "../../slack/reply.ts";
import { assertAdmin as assertAdminRule, userContext } from "../../people/people.ts";
import { openCreateModal } from "../complaints/slack-create.ts";
import { shiftDate, todayIn } from "../../infra/time.ts";
import { ACTION_OPEN_CASE } from "./alerts.ts";
import { auditBriefings, briefingFor } from "./briefing.ts";
import { addKeyword, listKeywords, removeKeyword } from "./keywords.ts";
import { CATEGORIES, CAUSES, SEVERITIES, type Category, type Cause, type Severity } from "./matcher.ts";

const channelRe = /^<#([CG][A-Z0-9]+)(\|[^>]*)?>$/;
const userRe = /^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/;

const assertAdmin = (deps: Deps, userId: string) => assertAdminRule(deps, userId, "reviews.error.admin");

export function registerReviews(app: App, deps: Deps): void {
  app.command(COMMAND, async ({ command, ack }) => {
    await ackFirst(ack);
    const user = await userContext(deps, command.user_id);
    const say = (text: string) =>
      replyEphemeral(
        deps,
        { responseUrl: command.response_url, channel: command.channel_id, userId: command.user_id },
        { text },
      );
    // Read-only answers go straight to the response_url: nothing to keep if they are lost.
    const show = (text: string) =>
      answerNow(
        deps,
        { responseUrl: command.response_url, channel: command.channel_id, userId: command.user_id },
        { text },
      );
    const usage = () => show(user.t("reviews.usage", { categories: CATEGORIES.join(", ") }));
    const [sub = "", ...rest] = (command.text ?? "").trim().split(/\s+/).filter(Boolean);
    try {
      switch (sub.toLowerCase()) {
        case "channel": {
          const ch = channelRe.exec(rest[0] ?? "")?.[1];
          if (!ch) return void (await usage());
          await setAlertChannel(deps, command.user_id, ch);
          return void (await say(user.t("reviews.channel.saved", { channel: ch })));
        }
        case "route": {
          const cause = (rest[0] ?? "").toLowerCase();
          const who = userRe.exec(rest[1] ?? "")?.[1];
          if (!(CAUSES as readonly string[]).includes(cause) || !who) return void (await usage());
          await routeCause(deps, command.user_id, cause as Cause, who);
          return void (await say(
            user.t("reviews.route.saved", { cause: user.t(`rcause.${cause as "quality"}`), user: who }),
          ));
        }
        case "keywords":
          return void (await show(
            user.t("reviews.keywords.list", {
              count: (await listKeywords(deps.db)).length,
              list: (await listKeywords(deps.db)).map((k) => `${k.word} (${k.category}, ${k.severity})`).join(" · "),
            }),
          ));
        case "keyword": {
          const [verb, word, category, severity] = rest;
          if (verb === "remove" && word) {
            await assertAdmin(deps, command.user_id);
            return void (await say(
              user.t(
                (await removeKeyword(deps, user.userId, word)) ? "reviews.keyword.removed" : "reviews.keyword.missing",
                { word },
              ),
            ));
          }
          if (
            verb !== "add" ||
            !word ||
            word.length > 40 ||
            !(CATEGORIES as readonly string[]).includes(category ?? "") ||
            !(SEVERITIES as readonly string[]).includes(severity ?? "")
          )
            return void (await usage());
          await assertAdmin(deps, command.user_id);
          await addKeyword(deps, command.user_id, {
            word,
            category: category as Category,
            severity: severity as Severity,
          });
          return void (await say(user.t("reviews.keyword.saved", { word, category: category!, severity: severity! })));
        }
        case "briefing": {
          const off = rest[0] === "off";
          const now = rest[0] === "now";
          const ch = channelRe.exec(rest[off || now ? 1 : 0] ?? "")?.[1];
          const time = off || now ? "09:00" : (rest[1] ?? "09:00");
          if (now && (!rest[1] || rest[1] === "me")) {
            // Anyone may read yesterday's briefing in their own DM.
            const date = shiftDate(todayIn(deps.clock.now(), user.timeZone), -1);
            await deps.outbox.enqueue(deps.db, {
              kind: "post",
              channel: command.user_id,
              body: await briefingFor(deps, date, user.timeZone, user.locale),
              actorId: command.user_id,
            });
            return void (await say(user.t("reviews.briefing.queuedDm", { date })));
          }
          if (!ch || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return void (await usage());
          if (now) {
            // Posting into a channel needs the same right as subscribing it.
            await assertAdmin(deps, command.user_id);
            const date = shiftDate(todayIn(deps.clock.now(), user.timeZone), -1);
            await deps.outbox.enqueue(deps.db, {
              kind: "post",
              channel: ch,
              body: await briefingFor(deps, date, user.timeZone, await channelLocale(deps, ch)),
              actorId: command.user_id,
            });
            return void (await say(user.t("reviews.briefing.queued", { date, channel: ch })));
          }
          if (off) {
            await unsubscribeBriefing(deps, command.user_id, ch);
            return void (await say(user.t("reviews.briefing.off", { channel: ch })));
          }
          const tz = isTimeZone(user.timeZone) ? user.timeZone : deps.config.DEFAULT_TIMEZONE;
          await subscribeBriefing(deps, command.user_id, { channelId: ch, time, timeZone: tz });
          return void (await say(user.t("reviews.briefing.saved", { channel: ch, time, tz })));
        }
        case "import":
          return void (await show(user.t("reviews.import.hint")));
        default:
          return void (await usage());
      }
    } catch (e) {
      await show(errorText(deps, user.locale, e, COMMAND));
    }
  });

  // Each alert's button has its own action_id (several alerts can share one message).
  app.action<BlockAction>(new RegExp(`^${ACTION_OPEN_CASE}_`), async ({ ack, body, action }) => {
    await ackFirst(ack);
    const id = "value" in action ? String(action.value ?? "") : "";
    const r = await deps.db.review.findUnique({ where: { id } });
    if (!r) return;
    const opener = await userContext(deps, body.user.id);
    const summary = opener.t("reviews.case.summary", {
      platform: r.platform,
      stars: "★".repeat(r.rating),
      sku: r.sku,
      order: r.orderId ? opener.t("reviews.case.order", { order: r.orderId }) : "",
      text: r.text,
    });
    try {
      await openCreateModal(deps, body.user.id, body.trigger_id, { summary, meta: {} });
    } catch (e) {
      const user = await userContext(deps, body.user.id);
      await replyEphemeral(
        deps,
        { responseUrl: body.response_url, userId: body.user.id },
        { text: errorText(deps, user.locale, e, "reviews open case") },
      );
    }
  });
}

export { auditBriefings };

// /reviews: channel, route, keywords, keyword add|remove, hints, hint add|remove|reset, briefing, import.
import type { App } from "@slack/bolt";
import { isTimeZone } from "../../config.ts";
import type { Deps } from "../../deps.ts";
import { shiftDate, todayIn } from "../../infra/time.ts";
import { channelLocale } from "../../people/channels.ts";
import { assertAdmin } from "../../people/people.ts";
import { onSlashCommand, type CommandCall } from "../../slack/handler-kit.ts";
import { briefingFor } from "./briefing.ts";
import { COMMAND } from "./ids.ts";
import { addKeyword, listKeywords, removeKeyword } from "./keywords.ts";
import { routeCause, setAlertChannel, subscribeBriefing, unsubscribeBriefing } from "./review-settings.ts";
import { CATEGORIES, CAUSES } from "./rules.ts";
import { addHint, listHints, removeHint, resetHints } from "./cause-hints.ts";
import { parseReviewsCommand, type ReviewsCommand } from "./schema.ts";

export function registerCommand(app: App, deps: Deps): void {
  onSlashCommand(app, deps, COMMAND, async (call) => {
    const cmd = parseReviewsCommand(call.words);
    if (!cmd) return void (await call.show(call.user.t("reviews.usage", { categories: CATEGORIES.join(", ") })));
    await run(deps, call, cmd);
  });
}

async function run(deps: Deps, { user, command, say, show }: CommandCall, cmd: ReviewsCommand): Promise<void> {
  const userId = command.user_id;
  const yesterday = () => shiftDate(todayIn(deps.clock.now(), user.timeZone), -1);
  switch (cmd.sub) {
    case "channel":
      await setAlertChannel(deps, userId, cmd.channelId);
      return say(user.t("reviews.channel.saved", { channel: cmd.channelId }));
    case "route":
      await routeCause(deps, userId, cmd.cause, cmd.userId);
      return say(user.t("reviews.route.saved", { cause: user.t(`rcause.${cmd.cause}`), user: cmd.userId }));
    case "keywords": {
      const all = await listKeywords(deps.db);
      const list = all.map((k) => `${k.word} (${k.category}, ${k.severity})`).join(" · ");
      return show(user.t("reviews.keywords.list", { count: all.length, list }));
    }
    case "keyword-remove": {
      await assertAdmin(deps, userId, "reviews.error.admin");
      const removed = await removeKeyword(deps, userId, cmd.word);
      return say(user.t(removed ? "reviews.keyword.removed" : "reviews.keyword.missing", { word: cmd.word }));
    }
    case "keyword-add":
      await assertAdmin(deps, userId, "reviews.error.admin");
      await addKeyword(deps, userId, { word: cmd.word, category: cmd.category, severity: cmd.severity });
      return say(user.t("reviews.keyword.saved", { word: cmd.word, category: cmd.category, severity: cmd.severity }));
    case "briefing-me": {
      // Anyone may read yesterday's briefing in their own DM.
      const date = yesterday();
      const body = await briefingFor(deps, date, user.timeZone, user.locale);
      await deps.outbox.enqueue(deps.db, { kind: "post", channel: userId, body, actorId: userId });
      return say(user.t("reviews.briefing.queuedDm", { date }));
    }
    case "briefing-now": {
      // Posting into a channel needs the same right as subscribing it.
      await assertAdmin(deps, userId, "reviews.error.admin");
      const date = yesterday();
      const body = await briefingFor(deps, date, user.timeZone, await channelLocale(deps, cmd.channelId));
      await deps.outbox.enqueue(deps.db, { kind: "post", channel: cmd.channelId, body, actorId: userId });
      return say(user.t("reviews.briefing.queued", { date, channel: cmd.channelId }));
    }
    case "briefing-off":
      await unsubscribeBriefing(deps, userId, cmd.channelId);
      return say(user.t("reviews.briefing.off", { channel: cmd.channelId }));
    case "briefing": {
      const tz = isTimeZone(user.timeZone) ? user.timeZone : deps.config.DEFAULT_TIMEZONE;
      await subscribeBriefing(deps, userId, { channelId: cmd.channelId, time: cmd.time, timeZone: tz });
      return say(user.t("reviews.briefing.saved", { channel: cmd.channelId, time: cmd.time, tz }));
    }
    case "import":
      return show(user.t("reviews.import.hint"));
    case "hints": {
      const all = await listHints(deps.db);
      const list = CAUSES.map((c) => {
        const mine = all.filter(([cause]) => cause === c).map(([, p]) => `\`${p}\``);
        return `• ${user.t(`rcause.${c}`)} (${c}): ${mine.length ? mine.join(" · ") : "–"}`;
      }).join("\n");
      return show(user.t("reviews.hints.list", { list }));
    }
    case "hint-add": {
      await assertAdmin(deps, userId, "reviews.error.admin");
      const added = await addHint(deps, userId, cmd.cause, cmd.word);
      return say(user.t(added ? "reviews.hint.added" : "reviews.hint.known", { word: cmd.word, cause: cmd.cause }));
    }
    case "hint-remove": {
      await assertAdmin(deps, userId, "reviews.error.admin");
      const removed = await removeHint(deps, userId, cmd.cause, cmd.word);
      return say(
        user.t(removed ? "reviews.hint.removed" : "reviews.hint.missing", { word: cmd.word, cause: cmd.cause }),
      );
    }
    case "hint-reset":
      await assertAdmin(deps, userId, "reviews.error.admin");
      await resetHints(deps, userId);
      return say(user.t("reviews.hint.reset"));
  }
}

// /metrics and the alert buttons (Acknowledge, Snooze until tomorrow 09:00).
import { z } from "zod";
import { stored } from "../../infra/stored.ts";
import { acknowledgeAlert } from "./acknowledge-alert.ts";
import { saveRules, setRecipient } from "./alert-settings.ts";
import { setTarget } from "./set-target.ts";
import { subscribeDigest, unsubscribeDigest } from "./subscribe-digest.ts";
import { COMMAND } from "./ids.ts";
export { COMMAND } from "./ids.ts";
import { channelLocale } from "../../people/channels.ts";
import type { App, BlockAction } from "@slack/bolt";
import type { Deps } from "../../deps.ts";
import { DomainError } from "../../infra/errors.ts";
import { t, type Translator } from "../../infra/i18n.ts";
import { ackFirst } from "../../slack/ack.ts";
import { answerNow, errorText, replyEphemeral } from "../../slack/reply.ts";
import { userContext, type UserContext } from "../../people/people.ts";
import { shiftDate, todayIn } from "../../infra/time.ts";
import { loadRules, recipientFor } from "./anomalies.ts";
import { queueDigest } from "./digest.ts";
import { LEVELS, type Level, type RuleSet } from "./rules.ts";
import { createModal as createTaskModal } from "../raci/modals.ts";
import { ACTION_ACK, ACTION_CREATE_TASK, ACTION_SNOOZE, money } from "./blocks.ts";

const channelRe = /^<#([CG][A-Z0-9]+)(\|[^>]*)?>$/;
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const pctArg = (s: string | undefined) =>
  s && /^\d{1,2}(\.\d+)?%?$/.test(s) ? Number(s.replace("%", "")) / 100 : undefined;

const describeRules = (t: Translator, r: RuleSet) =>
  t("metrics.rules.describe", {
    warning: r.staticDrop.warning * 100,
    critical: r.staticDrop.critical * 100,
    weeks: r.dynamic.weeks,
    k: r.dynamic.k,
    dynamicLevel: t(`metrics.level.${r.dynamic.level}`),
    uvUp: r.correlated.uvUp * 100,
    conversionDown: r.correlated.conversionDown * 100,
    correlatedLevel: t(`metrics.level.${r.correlated.level}`),
  });

async function run(
  deps: Deps,
  user: UserContext,
  userId: string,
  words: string[],
  say: (t: string) => Promise<void>,
): Promise<boolean> {
  const [sub = "", ...rest] = words;
  switch (sub.toLowerCase()) {
    case "target": {
      const [store, month, gmv] = rest;
      // Each part that is wrong is named, with what it should look like.
      if (!store) return false;
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month ?? ""))
        throw new DomainError("metrics.error.month", { month: month ?? "" });
      if (!/^\d+(\.\d{1,2})?$/.test(gmv ?? "")) throw new DomainError("metrics.error.gmv", { gmv: gmv ?? "" });
      await setTarget(deps, userId, { store, month: month!, gmv: Number(gmv) });
      await say(user.t("metrics.target.saved", { store, month: month!, gmv: money(Number(gmv)) }));
      return true;
    }
    case "now": {
      const store = rest[0] ?? "shop1";
      const ok = await queueDigest(
        deps,
        { id: "now", target: userId, store, cadence: "daily" },
        shiftDate(todayIn(deps.clock.now(), user.timeZone), -1),
      );
      if (!ok) throw new DomainError("metrics.error.noData", { store });
      // Said where the person typed it: the digest itself goes to their DM.
      await say(user.t("metrics.now.queued", { store }));
      return true;
    }
    case "digest": {
      const off = rest[0] === "off";
      const args = off ? rest.slice(1) : rest;
      const where = args[0] === "me" ? userId : channelRe.exec(args[0] ?? "")?.[1];
      if (!where) return false;
      const store = args[1] && !/^(daily|weekly)$/.test(args[1]) ? args[1] : "shop1";
      const restArgs = args.slice(args[1] === store ? 2 : 1);
      const cadence = restArgs[0] === "weekly" ? "weekly" : "daily";
      const weekday = cadence === "weekly" ? DAYS.indexOf((restArgs[1] ?? "mon").toLowerCase()) + 1 : null;
      // A time that is not a time is refused, and nothing changes (it used to become 09:00 and
      // replace the subscription that was there).
      const timeWord = restArgs.find((w) => /^\d{1,2}[:：]\d{1,2}$/.test(w));
      if (timeWord !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(timeWord))
        throw new DomainError("metrics.error.time", { time: timeWord });
      const time = timeWord ?? "09:00";
      if (weekday === 0) throw new DomainError("metrics.error.weekday", { day: restArgs[1] ?? "" });
      const targetLabel = where === userId ? "DM" : `<#${where}>`;
      if (off) {
        await unsubscribeDigest(deps, userId, where, store);
        await say(user.t("metrics.digest.off", { store, target: targetLabel }));
        return true;
      }
      await subscribeDigest(deps, userId, { target: where, store, cadence, weekday, time, timeZone: user.timeZone });
      const label =
        cadence === "weekly"
          ? user.t("metrics.digest.weekly", { weekday: DAYS[weekday! - 1]! })
          : user.t("metrics.digest.daily");
      await say(
        user.t("metrics.digest.saved", { cadence: label, store, target: targetLabel, time, tz: user.timeZone }),
      );
      return true;
    }
    case "alerts": {
      if (rest.length === 0) {
        const r = await loadRules(deps);
        const who = async (l: Level) => {
          const to = await recipientFor(deps, l);
          return to ? `<#${to}>` : "–";
        };
        await say(
          user.t("metrics.rules.show", {
            rules: describeRules(user.t, r),
            notice: await who("notice"),
            warning: await who("warning"),
            critical: await who("critical"),
          }),
        );
        return true;
      }
      const level = rest[0] as Level;
      const ch = channelRe.exec(rest[1] ?? "")?.[1];
      if (!LEVELS.includes(level) || !ch) return false;
      await setRecipient(deps, userId, level, ch);
      await say(user.t("metrics.recipients.saved", { level: user.t(`metrics.level.${level}`), target: `<#${ch}>` }));
      return true;
    }
    case "rule": {
      const r = await loadRules(deps);
      const [kind, a, b] = rest;
      if (kind === "static" && pctArg(a) && pctArg(b)) r.staticDrop = { warning: pctArg(a)!, critical: pctArg(b)! };
      else if (kind === "dynamic" && Number.isInteger(Number(a)) && Number(a) >= 3 && Number(b) > 0)
        r.dynamic = { ...r.dynamic, weeks: Number(a), k: Number(b) };
      else if (kind === "correlated" && pctArg(a) && pctArg(b))
        r.correlated = { ...r.correlated, uvUp: pctArg(a)!, conversionDown: pctArg(b)! };
      else return false;
      await saveRules(deps, userId, r);
      await say(user.t("metrics.rules.saved", { rules: describeRules(user.t, r) }));
      return true;
    }
    case "import":
      await say(user.t("metrics.import.hint"));
      return true;
    default:
      return false;
  }
}

export function registerMetrics(app: App, deps: Deps): void {
  app.command(COMMAND, async ({ command, ack }) => {
    await ackFirst(ack);
    const user = await userContext(deps, command.user_id);
    const say = (text: string) =>
      replyEphemeral(
        deps,
        { responseUrl: command.response_url, channel: command.channel_id, userId: command.user_id },
        { text },
      );
    try {
      const words = (command.text ?? "").trim().split(/\s+/).filter(Boolean);
      // Read-only answers (usage, errors) go straight to the response_url.
      if (!(await run(deps, user, command.user_id, words, say)))
        await answerNow(
          deps,
          { responseUrl: command.response_url, channel: command.channel_id, userId: command.user_id },
          { text: user.t("metrics.usage") },
        );
    } catch (e) {
      await answerNow(
        deps,
        { responseUrl: command.response_url, channel: command.channel_id, userId: command.user_id },
        { text: errorText(deps, user.locale, e, COMMAND) },
      );
    }
  });

  // Create action: a RACI task (goal, measures, owner, deadline) prefilled from the alert.
  app.action<BlockAction>(ACTION_CREATE_TASK, async ({ ack, body, action }) => {
    await ackFirst(ack);
    const alert = await deps.db.metricAlert.findUnique({
      where: { id: "value" in action ? String(action.value ?? "") : "" },
    });
    if (!alert) return;
    const user = await userContext(deps, body.user.id);
    const text = stored(z.object({ text: z.string() }).loose(), alert.detail, "metric alert").text;
    const description = user.t("metrics.alert.taskBody", {
      metric: alert.metric.toUpperCase(),
      store: alert.store,
      date: alert.date,
      text,
    });
    await deps.slack.call("views.open", {
      trigger_id: body.trigger_id,
      view: createTaskModal(user.t, { channelId: body.channel?.id, description }),
    });
  });

  for (const [actionId, snooze] of [
    [ACTION_ACK, false],
    [ACTION_SNOOZE, true],
  ] as const) {
    app.action<BlockAction>(actionId, async ({ ack, body, action }) => {
      await ackFirst(ack);
      const alertId = "value" in action ? String(action.value ?? "") : "";
      // The alert's card is edited in its channel's language.
      const locale = body.channel?.id ? await channelLocale(deps, body.channel.id) : deps.config.DEFAULT_LOCALE;
      const r = await acknowledgeAlert(deps, { alertId, userId: body.user.id, snooze, locale });
      if (!r.done && r.status !== "missing") await toldAlready(deps, body, r.status);
    });
  }
}

/** The second press on an alert: said to the presser only. */
async function toldAlready(deps: Deps, body: BlockAction, status: string) {
  const user = await userContext(deps, body.user.id);
  const text = user.t(status === "snoozed" ? "metrics.alert.alreadySnoozed" : "metrics.alert.alreadyAcked");
  await replyEphemeral(
    deps,
    { responseUrl: body.response_url, channel: body.channel?.id, userId: body.user.id },
    { text },
  );
}

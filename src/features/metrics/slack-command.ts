// /metrics: target, now, digest, alerts, rule, import.
import type { App } from "@slack/bolt";
import { presetList } from "../../intake/exports/preview-blocks.ts";
import type { Deps } from "../../deps.ts";
import { DomainError } from "../../infra/errors.ts";
import type { Translator } from "../../infra/i18n.ts";
import { shiftDate, todayIn } from "../../infra/time.ts";
import { onSlashCommand, type CommandCall } from "../../slack/handler-kit.ts";
import { saveRules, setRecipient } from "./alert-settings.ts";
import { loadRules, recipientFor } from "./anomalies.ts";
import { queueDigest } from "./digest.ts";
import { money } from "./format.ts";
import { COMMAND } from "./ids.ts";
import type { Level, RuleSet } from "./rules.ts";
import { DAYS, parseMetricsCommand, type MetricsCommand } from "./schema.ts";
import { setTarget } from "./set-target.ts";
import { subscribeDigest, unsubscribeDigest } from "./subscribe-digest.ts";

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

export function registerCommand(app: App, deps: Deps): void {
  onSlashCommand(app, deps, COMMAND, async (call) => {
    const { user, command, show } = call;
    const parsed = parseMetricsCommand(call.words, command.user_id);
    if (!parsed.ok && "usage" in parsed) return void (await show(user.t("metrics.usage")));
    if (!parsed.ok) return void (await show(parsed.problems.map((p) => user.t(p.key, p.params)).join("\n")));
    await run(deps, call, parsed.cmd);
  });
}

async function run(deps: Deps, { user, command, say }: CommandCall, cmd: MetricsCommand): Promise<void> {
  const userId = command.user_id;
  const where = (target: string) => (target === userId ? "DM" : `<#${target}>`);
  switch (cmd.sub) {
    case "target":
      await setTarget(deps, userId, { store: cmd.store, month: cmd.month, gmv: cmd.gmv });
      return say(user.t("metrics.target.saved", { store: cmd.store, month: cmd.month, gmv: money(cmd.gmv) }));
    case "now": {
      const yesterday = shiftDate(todayIn(deps.clock.now(), user.timeZone), -1);
      const queued = await queueDigest(
        deps,
        { id: "now", target: userId, store: cmd.store, cadence: "daily" },
        yesterday,
      );
      if (!queued) throw new DomainError("metrics.error.noData", { store: cmd.store });
      // Said where the person typed it: the digest itself goes to their DM.
      return say(user.t("metrics.now.queued", { store: cmd.store }));
    }
    case "digest-off":
      await unsubscribeDigest(deps, userId, cmd.where, cmd.store);
      return say(user.t("metrics.digest.off", { store: cmd.store, target: where(cmd.where) }));
    case "digest": {
      const { where: target, store, cadence, weekday, time } = cmd;
      await subscribeDigest(deps, userId, { target, store, cadence, weekday, time, timeZone: user.timeZone });
      const label =
        cadence === "weekly"
          ? user.t("metrics.digest.weekly", { weekday: DAYS[weekday! - 1]! })
          : user.t("metrics.digest.daily");
      return say(
        user.t("metrics.digest.saved", { cadence: label, store, target: where(target), time, tz: user.timeZone }),
      );
    }
    case "alerts-show": {
      const who = async (l: Level) => ((await recipientFor(deps, l)) ? `<#${await recipientFor(deps, l)}>` : "–");
      const rules = describeRules(user.t, await loadRules(deps));
      const [notice, warning, critical] = [await who("notice"), await who("warning"), await who("critical")];
      return say(user.t("metrics.rules.show", { rules, notice, warning, critical }));
    }
    case "alerts":
      await setRecipient(deps, userId, cmd.level, cmd.channelId);
      return say(
        user.t("metrics.recipients.saved", {
          level: user.t(`metrics.level.${cmd.level}`),
          target: `<#${cmd.channelId}>`,
        }),
      );
    case "rule-static":
    case "rule-dynamic":
    case "rule-correlated": {
      const r = await loadRules(deps);
      if (cmd.sub === "rule-static") r.staticDrop = { warning: cmd.warning, critical: cmd.critical };
      else if (cmd.sub === "rule-dynamic") r.dynamic = { ...r.dynamic, weeks: cmd.weeks, k: cmd.k };
      else r.correlated = { ...r.correlated, uvUp: cmd.uvUp, conversionDown: cmd.conversionDown };
      await saveRules(deps, userId, r);
      return say(user.t("metrics.rules.saved", { rules: describeRules(user.t, r) }));
    }
    case "import":
      return say(user.t("metrics.import.hint"));
    case "import-presets":
      return say(presetList(user.t, deps.config.IMPORT_PRESETS_DIR));
  }
}

// /complaint: new, list, tiers, tier, policy, report.
import { TZDate } from "@date-fns/tz";
import { format, subDays } from "date-fns";
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { Deps } from "../../deps.ts";
import { onSlashCommand } from "../../slack/handler-kit.ts";
import { personOf } from "../../slack/handler-context.ts";
import { listAnswer, policyAnswer, reportAnswer, tiersAnswer } from "./blocks-answers.ts";
import { ACTION_LIST_PAGE, COMMAND } from "./ids.ts";
import { loadPolicy, savePolicy, saveTier } from "./policy.ts";
import { openCases, reportFor } from "./queries.ts";
import { parseComplaintCommand } from "./schema.ts";
import { openCreateModal } from "./slack-create.ts";

export function registerCommand(app: App, deps: Deps): void {
  // The list's next and previous pages replace the list where the person is reading it.
  app.action<BlockAction<ButtonAction>>(ACTION_LIST_PAGE, async ({ ack, body, action, context }) => {
    await ack();
    const offset = Number(action.value);
    if (!Number.isInteger(offset) || offset < 0 || !body.response_url) return;
    const user = await personOf(context);
    const page = listAnswer(user.t, await openCases(deps, offset), user.timeZone);
    await deps.slack.respond(body.response_url, { replace_original: true, ...page });
  });
  onSlashCommand(app, deps, COMMAND, async ({ command, user, say, show }) => {
    const parsed = parseComplaintCommand(command.text ?? "", deps.config.DEFAULT_TIMEZONE);
    if (!parsed.ok) {
      await show({ text: user.t(parsed.usage, "problem" in parsed ? { problem: parsed.problem } : {}) });
      return;
    }
    const cmd = parsed.cmd;
    switch (cmd.sub) {
      case "new":
        await openCreateModal(deps, command.user_id, command.trigger_id, { meta: {} });
        break;
      case "list":
        await show(listAnswer(user.t, await openCases(deps, 0), user.timeZone));
        break;
      case "tiers":
        await show(tiersAnswer(user.t, await loadPolicy(deps.db)));
        break;
      case "tier": {
        await saveTier(deps, command.user_id, cmd);
        const people = [
          ...cmd.userIds.map((u) => `<@${u}>`),
          ...(cmd.userGroupId ? [`<!subteam^${cmd.userGroupId}>`] : []),
        ].join(" ");
        await say(user.t("complaint.tiers.saved", { tier: cmd.tier, channel: cmd.channelId, people }));
        break;
      }
      case "policy-show":
        await show(policyAnswer(user.t, await loadPolicy(deps.db)));
        break;
      case "policy": {
        const p = await savePolicy(deps, command.user_id, cmd.patch);
        await say(`${user.t("complaint.policy.saved")}\n${policyAnswer(user.t, p).text}`);
        break;
      }
      case "report": {
        const today = format(new TZDate(deps.clock.now().getTime(), user.timeZone), "yyyy-MM-dd");
        const from =
          cmd.from ?? format(subDays(new TZDate(deps.clock.now().getTime(), user.timeZone), 29), "yyyy-MM-dd");
        const to_ = cmd.to ?? today;
        await show(reportAnswer(user.t, await reportFor(deps, from, to_, user.timeZone), from, to_));
        break;
      }
    }
  });
}

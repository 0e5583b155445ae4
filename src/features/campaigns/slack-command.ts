// /promo: new, list, calendar, move, cancel, gate, retro, report, template, warroom, runbook.
import type { App } from "@slack/bolt";
import type { Deps } from "../../deps.ts";
import { answerNow } from "../../slack/reply.ts";
import { onSlashCommand } from "../../slack/handler-kit.ts";
import { calendarMessage, listAnswer } from "./answers.ts";
import { createCampaign } from "./create-campaign.ts";
import { COMMAND } from "./ids.ts";
import { cancelCampaign, findCampaign, moveCampaign, signGate } from "./manage.ts";
import { createModal, importModal, retroModal } from "./modals.ts";
import { retroReport } from "./retro.ts";
import { todayIn } from "../../infra/time.ts";
import { parsePromoCommand } from "./schema.ts";
import { mirrorChecklist } from "./list-mirror.ts";
import { exportTemplate, templateNames } from "./templates.ts";
import { t0Command } from "./t0/slack.ts";

export function registerCommand(app: App, deps: Deps): void {
  onSlashCommand(app, deps, COMMAND, async ({ command, user, to, say, show, open }) => {
    const parsed = parsePromoCommand(command.text ?? "");
    if (!parsed.ok)
      return void (await show(
        user.t(parsed.usage, { keys: "stockout|system_failure|fraud|payment_failure|logistics_overload" }),
      ));
    const cmd = parsed.cmd;
    switch (cmd.sub) {
      case "new-form":
        return void (await open(
          createModal(user.t, {
            userId: command.user_id,
            channelId: command.channel_id,
            templates: await templateNames(deps.db),
          }),
        ));
      case "new": {
        const c = await createCampaign(deps, {
          actorId: command.user_id,
          name: cmd.name,
          kind: cmd.kind,
          eventDate: cmd.date,
          channelId: cmd.channelId ?? command.channel_id,
          ownerId: command.user_id,
          targets: {},
          templateName: cmd.template,
        });
        return void (await say(
          user.t("promo.created", { number: c.number, name: c.name, date: c.eventDate, channel: c.channelId }),
        ));
      }
      case "list":
        return void (await show(await listAnswer(deps, user.t)));
      case "mirror": {
        const c = await mirrorChecklist(deps, cmd.ref, command.user_id);
        return void (await show(user.t("promo.mirror.queued", { number: c.number, channel: c.channelId })));
      }
      case "calendar":
        return void (await answerNow(deps, to, await calendarMessage(deps, user.t, cmd.year)));
      case "move":
        await moveCampaign(deps, cmd.ref, command.user_id, cmd.date);
        return;
      case "cancel":
        await cancelCampaign(deps, cmd.ref, command.user_id);
        return;
      case "gate": {
        const c = await findCampaign(deps, cmd.ref);
        await signGate(deps, c.id, command.user_id);
        return;
      }
      case "retro": {
        await findCampaign(deps, cmd.ref);
        return void (await open(retroModal(user.t, cmd.ref)));
      }
      case "report": {
        const c = await findCampaign(deps, cmd.ref);
        return void (await show(
          await retroReport(deps, c, user.t, user.locale, todayIn(deps.clock.now(), c.timeZone)),
        ));
      }
      case "template-list":
        return void (await show(user.t("promo.template.list", { names: (await templateNames(deps.db)).join(", ") })));
      case "template-export":
        return void (await show("```\n" + (await exportTemplate(deps.db, cmd.name)) + "```"));
      case "template-import":
        return void (await open(importModal(user.t)));
      case "warroom":
      case "warroom-rules":
      case "runbook":
        return void (await show(await t0Command(deps, user, cmd)));
    }
  });
}

import type { App } from "@slack/bolt";
import type { Deps } from "../../deps.ts";
import { t } from "../../infra/i18n.ts";
import { esc } from "../../infra/markup.ts";
import { formatInZone } from "../../infra/time.ts";
import { answerInAck } from "../../slack/reply.ts";
import type { MessageBody } from "../../outbox/message.ts";
import { isAdmin, userContext, type UserContext } from "../../people/people.ts";
import { setChannelLocale } from "../../people/channels.ts";
import { chooseLocale } from "../../slack/user-context.ts";
import { HOME_PAGE, type Feature } from "../../feature.ts";
import type { BlockAction, ButtonAction } from "@slack/bolt";
import { z } from "zod";

const HomePage = z.object({ f: z.string().max(40), o: z.number().int().min(0).max(1_000_000) });
const safeJson = (v: unknown): unknown => {
  try {
    return JSON.parse(String(v));
  } catch {
    return undefined;
  }
};
import { helpMessage, homeView } from "./blocks.ts";
import { COMMAND } from "./ids.ts";
import { parseShopopsCommand } from "./schema.ts";
import { botStatus } from "./service.ts";
import { exportActions, type ExportWish } from "./export-actions.ts";
import { CAPABILITIES, capabilityOf, fixFor, SCOPE_OF } from "../../slack/capability/capabilities.ts";

async function statusAnswer(deps: Deps, user: UserContext): Promise<MessageBody> {
  const s = await botStatus(deps);
  const lines = [
    user.t("status.body", {
      db: user.t(s.database ? "status.ok" : "status.down"),
      pending: s.pending,
      failed: s.failed,
      timers: s.timers,
    }),
  ];
  if (s.recentFailures.length) {
    lines.push(user.t("status.failedTitle"));
    for (const f of s.recentFailures) {
      const ch = esc(f.channel ?? f.sentChannel ?? "?");
      const where = /^[UW]/.test(ch) ? `<@${ch}>` : `<#${ch}>`;
      lines.push(
        user.t("status.failedRow", {
          time: formatInZone(f.createdAt, user.timeZone, "MM-dd HH:mm"),
          where,
          reason: f.lastError ?? "?",
        }),
      );
    }
  }
  lines.push(...(await capabilityLines(deps, user)));
  return { text: lines.join("\n") };
}

/** What the workspace lets the bot use, as Slack last answered. */
async function capabilityLines(deps: Deps, user: UserContext): Promise<string[]> {
  const lines = [user.t("capability.title")];
  for (const name of CAPABILITIES) {
    const c = await capabilityOf(deps.sql, name);
    const feature = user.t(`capability.${name}`);
    const time = c ? formatInZone(c.checkedAt, user.timeZone, "MM-dd HH:mm") : "";
    if (!c) lines.push(user.t("capability.untried", { feature }));
    else if (c.available) lines.push(user.t("capability.available", { feature, time }));
    else {
      const reason = c.reason ?? "not_allowed";
      const fix = user.t(fixFor(reason), { scope: SCOPE_OF[name] });
      lines.push(user.t("capability.refused", { feature, time, reason, fix }));
    }
  }
  return lines;
}

export function registerHelp(app: App, deps: Deps, features: readonly Feature[]): void {
  // Every /shopops answer is read-only or a one-row write: it goes back in the ack itself.
  app.command(COMMAND, async ({ command, ack }) => {
    const to = { responseUrl: command.response_url, channel: command.channel_id, userId: command.user_id };
    await answerInAck(deps, ack, to, async () => {
      const user = await userContext(deps, command.user_id);
      const parsed = parseShopopsCommand(command.text ?? "");
      if (!parsed.ok)
        return { text: t(user.locale, parsed.usage, { command: COMMAND, input: (command.text ?? "").trim() }) };
      if (parsed.cmd.sub === "help") return helpMessage(user.t, features, user.t("lang.name"));
      if (parsed.cmd.sub === "language") {
        const chosen = parsed.cmd.value === "auto" ? null : parsed.cmd.value;
        await chooseLocale(deps, command.user_id, chosen);
        const now = await userContext(deps, command.user_id);
        return { text: now.t(chosen ? "language.set" : "language.auto") };
      }
      if (parsed.cmd.sub === "channelLanguage") {
        if (!(await isAdmin(deps, command.user_id))) return { text: user.t("language.channelAdmin") };
        const chosen = parsed.cmd.value === "auto" ? null : parsed.cmd.value;
        await setChannelLocale(deps, parsed.cmd.channelId, chosen, command.user_id);
        const name = chosen ? t(chosen, "lang.name") : t(deps.config.DEFAULT_LOCALE, "lang.name");
        return {
          text: user.t(chosen ? "language.channelSet" : "language.channelAuto", {
            channel: parsed.cmd.channelId,
            language: name,
          }),
        };
      }
      if (parsed.cmd.sub === "export") {
        const cmd = parsed.cmd;
        await exportActions(deps, command.user_id, {
          from: cmd.from,
          to: cmd.to,
          feature: cmd.feature as ExportWish["feature"],
        });
        return { text: user.t("export.queued", { from: cmd.from, to: cmd.to }) };
      }
      return statusAnswer(deps, user);
    });
  });

  /** Draws "what needs me" for a person, each feature's section at its page (0 unless paging). */
  const publishHome = async (userId: string, pages: Record<string, number> = {}) => {
    const user = await userContext(deps, userId);
    const sections: unknown[][] = [];
    for (const f of features) if (f.homeSection) sections.push(await f.homeSection(deps, user, pages[f.name] ?? 0));
    const updated = user.t("home.updated", { time: formatInZone(deps.clock.now(), user.timeZone), tz: user.timeZone });
    await deps.slack.call("views.publish", { user_id: userId, view: homeView(user.t, sections, updated) });
  };
  app.event("app_home_opened", async ({ event }) => {
    if (event.tab !== "home") return;
    await publishHome(event.user);
  });
  app.action<BlockAction<ButtonAction>>(HOME_PAGE, async ({ ack, body, action }) => {
    await ack();
    const page = HomePage.safeParse(safeJson(action.value));
    if (!page.success) return;
    await publishHome(body.user.id, { [page.data.f]: page.data.o });
  });
}

// Submissions of the promotion modals. Field problems go back into the modal; refusals from the
// services go to the user's DM, since the modal has closed by then.
import { channelLocale } from "../../people/channels.ts";
import type { App } from "@slack/bolt";
import type { Deps } from "../../deps.ts";
import { DomainError } from "../../infra/errors.ts";
import { AlreadyDone } from "../../infra/seen.ts";
import { translator } from "../../infra/i18n.ts";
import { ackFirst } from "../../slack/ack.ts";
import { dmUser, errorText } from "../../slack/reply.ts";
import { userContext } from "../../people/people.ts";
import { createCampaign } from "./create-campaign.ts";
import { VIEW_CREATE, VIEW_IMPORT, VIEW_ITEM, VIEW_RETRO } from "./ids.ts";
import { changeItem } from "./manage.ts";
import { retroReport, saveRetro, type RetroAction } from "./retro.ts";
import { isRealDate, todayIn } from "../../infra/time.ts";
import { KINDS, type Kind } from "./rules.ts";
import { optionalNumber, parseNumber } from "./schema.ts";
import { importTemplate, latestTemplate, parseTemplateYaml } from "./templates.ts";

type Values = Record<
  string,
  Record<
    string,
    {
      value?: string | null;
      selected_date?: string | null;
      selected_user?: string | null;
      selected_conversation?: string | null;
      selected_option?: { value: string } | null;
    }
  >
>;
const field = (v: Values, id: string) => v[id]?.[id];
const meta = (s: string) => {
  try {
    return JSON.parse(s || "{}") as Record<string, string>;
  } catch {
    return {};
  }
};

export function registerViews(app: App, deps: Deps): void {
  const run = async (userId: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (e) {
      if (e instanceof AlreadyDone)
        return void deps.log.info({ key: e.key }, "promotion form submitted again; nothing new made");
      const user = await userContext(deps, userId);
      await dmUser(deps, userId, { text: errorText(deps, user.locale, e, "promo modal") });
    }
  };

  app.view(VIEW_CREATE, async ({ ack, body, view }) => {
    const v = view.state.values as Values;
    const user = await userContext(deps, body.user.id);
    const errors: Record<string, string> = {};
    const date = field(v, "date")?.selected_date ?? "";
    const today = todayIn(deps.clock.now(), deps.config.DEFAULT_TIMEZONE);
    if (!isRealDate(date)) errors.date = user.t("promo.error.date", { date });
    else if (date < today) errors.date = user.t("promo.error.past", { date, today });
    const channel = field(v, "channel")?.selected_conversation;
    if (!channel) errors.channel = user.t("promo.error.channel");
    const nums: Record<string, number | undefined> = {};
    for (const id of ["gmv", "new_customers", "roi", "budget"]) {
      const r = optionalNumber(field(v, id)?.value);
      if (!r.ok) errors[id] = user.t("promo.error.number");
      else nums[id] = r.value;
    }
    const templateName = field(v, "template")?.selected_option?.value ?? "builtin";
    if (!(await latestTemplate(deps.db, templateName)))
      errors.template = user.t("promo.error.templateUnknown", { name: templateName });
    if (Object.keys(errors).length) return void (await ack({ response_action: "errors", errors }));
    await ackFirst(ack);
    const kindRaw = field(v, "kind")?.selected_option?.value ?? "custom";
    await run(body.user.id, async () => {
      const c = await createCampaign(deps, {
        actorId: body.user.id,
        name: (field(v, "name")?.value ?? "").trim().slice(0, 80) || date,
        kind: (KINDS as readonly string[]).includes(kindRaw) ? (kindRaw as Kind) : "custom",
        eventDate: date,
        channelId: channel!,
        ownerId: field(v, "owner")?.selected_user ?? body.user.id,
        targets: { gmv: nums.gmv, newCustomers: nums.new_customers, roi: nums.roi, budget: nums.budget },
        templateName,
        requestKey: `view:${view.id}`,
      });
      await dmUser(deps, body.user.id, {
        text: user.t("promo.created", { number: c.number, name: c.name, date: c.eventDate, channel: c.channelId }),
      });
    });
  });

  app.view(VIEW_ITEM, async ({ ack, body, view }) => {
    const v = view.state.values as Values;
    const user = await userContext(deps, body.user.id);
    const status = field(v, "status")?.selected_option?.value as "open" | "done" | "na" | undefined;
    const reason = field(v, "reason")?.value?.trim() || null;
    if (status === "na" && !reason)
      return void (await ack({ response_action: "errors", errors: { reason: user.t("promo.error.reason") } }));
    await ackFirst(ack);
    await run(body.user.id, () =>
      changeItem(deps, meta(view.private_metadata).itemId ?? "", body.user.id, {
        status,
        ownerId: field(v, "owner")?.selected_user ?? undefined,
        note: field(v, "note")?.value?.trim() || null,
        naReason: reason,
      }),
    );
  });

  app.view(VIEW_RETRO, async ({ ack, body, view }) => {
    const v = view.state.values as Values;
    const user = await userContext(deps, body.user.id);
    const errors: Record<string, string> = {};
    const nums: Record<string, number> = {};
    for (const id of ["gmv", "new_customers", "spend", "uv", "buyers"]) {
      const r = parseNumber(field(v, id)?.value);
      if (r.ok) nums[id] = r.value;
      else errors[id] = user.t("promo.error.number");
    }
    const actions: RetroAction[] = [];
    const lines = (field(v, "actions")?.value ?? "")
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    lines.forEach((line, i) => {
      // " | " separates the parts; a mention's own "|" (<@U123|name>) has no spaces around it.
      const [action, owner, deadline, acceptance] = line.split(/\s+\|\s+/).map((s) => s.trim());
      const ownerId =
        /^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/.exec(owner ?? "")?.[1] ?? (owner && owner.length <= 80 ? owner : undefined);
      if (!action || !ownerId || !isRealDate(deadline ?? "") || !acceptance)
        errors.actions ??= user.t("promo.retro.badAction", { line: i + 1 });
      else actions.push({ action, owner: ownerId, deadline: deadline!, acceptance });
    });
    if (Object.keys(errors).length) return void (await ack({ response_action: "errors", errors }));
    await ackFirst(ack);
    await run(body.user.id, async () => {
      const c = await saveRetro(deps, meta(view.private_metadata).ref ?? "", body.user.id, {
        actuals: {
          gmv: nums.gmv!,
          newCustomers: nums.new_customers!,
          spend: nums.spend!,
          uv: nums.uv!,
          buyers: nums.buyers!,
        },
        success: field(v, "success")?.value?.trim() ?? "",
        failure: field(v, "failure")?.value?.trim() ?? "",
        whys: (field(v, "whys")?.value ?? "")
          .split("\n")
          .map((s) => s.trim())
          .filter(Boolean),
        actions,
      });
      // The report goes to the campaign channel, in the team's language, and is kept on the campaign.
      const locale = await channelLocale(deps, c.channelId);
      const text = await retroReport(deps, c, translator(locale), locale, todayIn(deps.clock.now(), c.timeZone));
      await deps.outbox.enqueue(deps.db, {
        kind: "post",
        channel: c.channelId,
        body: { text },
        actorId: body.user.id,
        dedupeKey: `retro:view:${view.id}`,
      });
    });
  });

  app.view(VIEW_IMPORT, async ({ ack, body, view }) => {
    const user = await userContext(deps, body.user.id);
    const yaml = field(view.state.values as Values, "yaml")?.value ?? "";
    try {
      parseTemplateYaml(yaml);
    } catch (e) {
      const text = e instanceof DomainError ? user.t(e.key, e.params) : String(e);
      return void (await ack({ response_action: "errors", errors: { yaml: text.slice(0, 1900) } }));
    }
    await ackFirst(ack);
    await run(body.user.id, async () => {
      const r = await importTemplate(deps, body.user.id, yaml);
      await dmUser(deps, body.user.id, { text: user.t("promo.template.imported", r) });
    });
  });
}

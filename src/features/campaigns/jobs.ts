// Promotion timers: item reminders (remind-job.ts), stage openings and the T-3 go/no-go check.
// Messages carry dedupe keys so a rerun after a crash sends nothing twice.
import { z } from "zod";
import { StoredTemplate } from "./rules.ts";
import { stored } from "../../infra/db/stored.ts";
import { channelLocale } from "../../people/channels.ts";
import { esc } from "../../infra/markup.ts";
import type { Deps } from "../../deps.ts";
import { t } from "../../infra/i18n.ts";
import type { JobKind } from "../../scheduler/types.ts";
import { userContext } from "../../people/people.ts";
import { announceStage } from "./notify.ts";
import { textIn } from "./rules.ts";
import { todayIn } from "../../infra/time.ts";
import { STAGES } from "./rules.ts";
import { JOB_GATE, JOB_STAGE } from "./schedule.ts";
import { remindJob } from "./remind-job.ts";

async function liveCampaign(deps: Deps, payload: { campaignId: string; gen: number }) {
  const c = await deps.db.campaign.findUnique({ where: { id: payload.campaignId } });
  return c && c.status === "active" && c.gen === payload.gen ? c : undefined;
}

const stage: JobKind<Deps> = {
  kind: JOB_STAGE,
  async run(deps, job) {
    const p = stored(
      z.object({ campaignId: z.string(), gen: z.number().int(), stage: z.enum(STAGES) }),
      job.payload,
      "stage opening",
    );
    const c = await liveCampaign(deps, p);
    if (!c) return;
    const locale = await channelLocale(deps, c.channelId);
    const items = await deps.db.campaignItem.findMany({
      where: { campaignId: c.id, stage: p.stage },
      orderBy: { seq: "asc" },
    });
    const tpl = await deps.db.playbookTemplate.findUniqueOrThrow({ where: { id: c.templateId } });
    const stageDef = stored(StoredTemplate, tpl.body, "playbook template").stages.find((s) => s.key === p.stage);
    const lines = items.map((i) => `• ${esc(textIn(i.title, locale))} · <@${esc(i.ownerId)}>`).join("\n");
    const text = t(locale, "promo.stage.opens", {
      stage: p.stage,
      name: c.name,
      title: stageDef ? textIn(stageDef.title, locale) : p.stage,
      items: lines,
    });
    await announceStage(deps, c, text, job.key);
  },
};

const gate: JobKind<Deps> = {
  kind: JOB_GATE,
  async run(deps, job) {
    const c = await liveCampaign(
      deps,
      stored(z.object({ campaignId: z.string(), gen: z.number().int() }), job.payload, "go/no-go check"),
    );
    if (!c || c.gate) return;
    const open = await deps.db.campaignItem.findMany({ where: { campaignId: c.id, gate: true, status: "open" } });
    const boss = await userContext(deps, c.ownerId);
    const items = open.length ? open.map((i) => textIn(i.title, boss.locale)).join("; ") : "–";
    const text = boss.t("promo.gate.blockers", { name: c.name, items });
    await deps.outbox.enqueue(deps.db, {
      kind: "post",
      channel: c.ownerId,
      body: { text },
      dedupeKey: `${job.key}:dm`,
    });
    if (todayIn(deps.clock.now(), c.timeZone) <= c.eventDate) {
      const channelLang = await channelLocale(deps, c.channelId);
      const channelItems = open.length ? open.map((i) => textIn(i.title, channelLang)).join("; ") : "–";
      const channelText = t(channelLang, "promo.gate.blockers", { name: c.name, items: channelItems });
      await deps.outbox.enqueue(deps.db, {
        kind: "post",
        channel: c.channelId,
        threadOfId: c.checklistMsgId ?? undefined,
        body: { text: channelText },
        dedupeKey: `${job.key}:channel`,
      });
    }
  },
};

export const campaignJobs: JobKind<Deps>[] = [remindJob, stage, gate];

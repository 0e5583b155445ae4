// Promotion timers: item reminders (day before, due day, overdue and raised), stage openings,
// and the T-3 go/no-go check. Messages carry dedupe keys so a rerun after a crash sends nothing twice.
import { z } from "zod";
import { StoredTemplate } from "./rules.ts";
import { stored } from "../../infra/db/stored.ts";
import { channelLocale } from "../../people/channels.ts";
import { esc } from "../../infra/markup.ts";
import type { Deps } from "../../deps.ts";
import { t } from "../../infra/i18n.ts";
import type { JobKind, TimerJob } from "../../scheduler/types.ts";
import { userContext } from "../../people/people.ts";
import { announceStage, raiseToOwner, refreshChecklist, remindOwner } from "./notify.ts";
import { textIn } from "./rules.ts";
import { todayIn } from "../../infra/time.ts";
import { STAGES } from "./rules.ts";
import { JOB_GATE, JOB_REMIND, JOB_STAGE, planOverdue, raisesToOwner } from "./schedule.ts";

async function liveCampaign(deps: Deps, payload: { campaignId: string; gen: number }) {
  const c = await deps.db.campaign.findUnique({ where: { id: payload.campaignId } });
  return c && c.status === "active" && c.gen === payload.gen ? c : undefined;
}

const RemindShape = z.object({
  campaignId: z.string(),
  gen: z.number().int(),
  itemId: z.string(),
  kind: z.enum(["before", "due", "overdue"]),
  day: z.number().int().optional(),
});

const remind: JobKind<Deps> = {
  kind: JOB_REMIND,
  async run(deps, job: TimerJob) {
    const p = stored(RemindShape, job.payload, "promotion reminder");
    const c = await liveCampaign(deps, p);
    const item = c && (await deps.db.campaignItem.findUnique({ where: { id: p.itemId } }));
    if (!c || !item || item.status !== "open") return;
    const owner = await userContext(deps, item.ownerId);
    const title = textIn(item.title, owner.locale);
    const params = {
      due: item.dueDate,
      campaign: c.name,
      title,
      doneMeans: textIn(item.doneMeans, owner.locale),
      days: p.day ?? 0,
    };
    const key =
      p.kind === "before" ? "promo.remind.before" : p.kind === "due" ? "promo.remind.due" : "promo.remind.overdue";
    const text = owner.t(key, params);
    // Looked up before the transaction: a lookup inside it would wait for the transaction itself.
    const boss = await userContext(deps, c.ownerId);
    await deps.db.$transaction(async (tx) => {
      await remindOwner(tx, deps, {
        ownerId: item.ownerId,
        t: owner.t,
        text,
        itemId: item.id,
        timerKey: job.key,
        overdue: p.kind === "overdue",
      });
      if (p.kind === "overdue" && p.day) {
        if (raisesToOwner(p.day) && c.ownerId !== item.ownerId) {
          const raised = boss.t("promo.remind.raised", {
            owner: item.ownerId,
            campaign: c.name,
            days: p.day,
            due: item.dueDate,
            title: textIn(item.title, boss.locale),
          });
          await raiseToOwner(tx, deps, c.ownerId, boss.t, raised, job.key);
        }
        await planOverdue(tx, deps.clock, c, item, owner.timeZone, p.day + 1);
        // Nothing else changes the checklist when a day passes: on an item's first overdue morning
        // it is redrawn, so its "overdue" count is today's (edits queued together collapse to one).
        if (p.day === 1) await refreshChecklist(tx, deps, c.id);
      }
    });
    deps.wakeScheduler();
  },
};

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

export const campaignJobs: JobKind<Deps>[] = [remind, stage, gate];

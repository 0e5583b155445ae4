// The briefing timer when due: yesterday's briefing posted to the subscribed channel, in its
// language, and the next day's timer planned.
import { stored } from "../../infra/db/stored.ts";
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { shiftDate } from "../../infra/time.ts";
import { channelLocale } from "../../people/channels.ts";
import type { JobKind } from "../../scheduler/types.ts";
import { briefingFor, planNextBriefing } from "./briefing.ts";
import { JOB_BRIEFING } from "./ids.ts";

export const briefingJob: JobKind<Deps> = {
  kind: JOB_BRIEFING,
  async run(deps, job) {
    const { subId, date } = stored(z.object({ subId: z.string(), date: z.string() }), job.payload, "briefing");
    const sub = await deps.db.reviewSubscription.findUnique({ where: { id: subId } });
    if (!sub) return;
    const body = await briefingFor(deps, shiftDate(date, -1), sub.timeZone, await channelLocale(deps, sub.channelId));
    // The dedupe key makes a rerun after a crash harmless.
    await deps.outbox.enqueue(deps.db, { kind: "post", channel: sub.channelId, body, dedupeKey: `${job.key}:post` });
    await planNextBriefing(deps, sub);
  },
};

// The digest timer when due: the subscription's digest is queued and its next occurrence planned.
import { stored } from "../../infra/db/stored.ts";
import type { Deps } from "../../deps.ts";
import { z } from "zod";
import { shiftDate } from "../../infra/time.ts";
import type { JobKind } from "../../scheduler/types.ts";
import { planNextDigest, queueDigest } from "./digest.ts";
import { JOB_DIGEST } from "./ids.ts";

export const digestJob: JobKind<Deps> = {
  kind: JOB_DIGEST,
  async run(deps, job) {
    const { subId, date } = stored(z.object({ subId: z.string(), date: z.string() }), job.payload, "digest");
    const sub = await deps.db.digestSubscription.findUnique({ where: { id: subId } });
    if (!sub) return;
    await queueDigest(deps, sub, shiftDate(date, -1), `${job.key}:send`);
    await planNextDigest(deps, sub);
  },
};

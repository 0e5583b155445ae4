// T0 timers: the war rooms' minute tick, and the runbook's first-step clock.
import { stored } from "../../../infra/db/stored.ts";
import { z } from "zod";
import type { Deps } from "../../../deps.ts";
import type { JobKind } from "../../../scheduler/types.ts";
import { firstStepLate, JOB_RB_FIRST } from "./runbooks.ts";
import { JOB_T0_TICK } from "./room.ts";
import { t0Tick } from "./refresh.ts";

export const t0Jobs: JobKind<Deps>[] = [
  {
    kind: JOB_T0_TICK,
    // A missed tick is simply the next one: never retried into a pile.
    maxAttempts: 1,
    async run(deps) {
      await t0Tick(deps);
    },
  },
  {
    kind: JOB_RB_FIRST,
    async run(deps, job) {
      return firstStepLate(deps, stored(z.object({ runId: z.string() }), job.payload, "runbook clock").runId);
    },
  },
];

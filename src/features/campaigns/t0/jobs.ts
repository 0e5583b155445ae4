// T0 timers: the war rooms' minute tick, and the runbook's first-step clock.
import { payloadOf } from "../../../scheduler/types.ts";
import { z } from "zod";
import type { Deps } from "../../../deps.ts";
import type { JobKind } from "../../../scheduler/types.ts";
import { firstStepLate, JOB_RB_FIRST } from "./runbooks.ts";
import { JOB_T0_TICK, t0Tick } from "./warroom.ts";

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
      return firstStepLate(deps, payloadOf(z.object({ runId: z.string() }), job.payload, "runbook clock").runId);
    },
  },
];

// T0 timers: the war rooms' minute tick, and the runbook's first-step clock.
import { stored } from "../../../infra/db/stored.ts";
import { z } from "zod";
import type { Deps } from "../../../deps.ts";
import type { JobKind } from "../../../scheduler/types.ts";
import { firstStepLate, JOB_RB_FIRST } from "./runbooks.ts";
import { JOB_T0_TICK } from "./room.ts";
import { refreshRoom, t0Tick } from "./refresh.ts";
import { JOB_HOURS_ARRIVED } from "../../metrics/ids.ts";

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
    kind: JOB_HOURS_ARRIVED,
    // A store's new hour: its live rooms redraw and run their hourly rules now.
    maxAttempts: 1,
    async run(deps, job) {
      const { store } = stored(z.object({ store: z.string() }), job.payload, "hours arrived");
      const rooms = await deps.db.warRoom.findMany({ where: { store, endedAt: null, mode: { in: ["auto", "on"] } } });
      for (const room of rooms) await refreshRoom(deps, room.id);
    },
  },
  {
    kind: JOB_RB_FIRST,
    async run(deps, job) {
      return firstStepLate(deps, stored(z.object({ runId: z.string() }), job.payload, "runbook clock").runId);
    },
  },
];

// A task row's JSON columns read back through their shapes: who is R, C and I, and what each C answered.
import { z } from "zod";
import { Ids, stored } from "../../infra/db/stored.ts";
import type { Task } from "../../generated/prisma/client.ts";
import type { Consults } from "./rules.ts";

const ConsultsShape = z.record(
  z.string(),
  z.object({ answer: z.string().optional(), waivedBy: z.string().optional() }),
);

export const parseTask = (t: Task) => ({
  r: stored(Ids, t.rIds, "task R"),
  c: stored(Ids, t.cIds, "task C"),
  i: stored(Ids, t.iTargets, "task I"),
  consults: stored(ConsultsShape, t.consults, "task consultations") as Consults,
});

// A store's monthly GMV target (admins): the digest's attainment and daily targets follow from it.
import type { Deps } from "../../deps.ts";
import { assertAdmin } from "../../people/people.ts";

export async function setTarget(deps: Deps, userId: string, t: { store: string; month: string; gmv: number }): Promise<void> {
  await assertAdmin(deps, userId, "metrics.error.admin");
  await deps.db.metricTarget.upsert({ where: { store_month: { store: t.store, month: t.month } }, create: t, update: { gmv: t.gmv } });
}

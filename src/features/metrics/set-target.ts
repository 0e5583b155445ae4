// A store's monthly GMV target (admins): the digest's attainment and daily targets follow from it.
import { recordAction } from "../../audit/audit.ts";
import type { Deps } from "../../deps.ts";
import { assertAdmin } from "../../people/people.ts";

export async function setTarget(
  deps: Deps,
  userId: string,
  t: { store: string; month: string; gmv: number },
): Promise<void> {
  await assertAdmin(deps, userId, "metrics.error.admin");
  await deps.db.$transaction(async (tx) => {
    const before = await tx.metricTarget.findUnique({ where: { store_month: { store: t.store, month: t.month } } });
    await tx.metricTarget.upsert({
      where: { store_month: { store: t.store, month: t.month } },
      create: t,
      update: { gmv: t.gmv },
    });
    await recordAction(tx, deps.clock, {
      actorId: userId,
      feature: "metrics",
      action: "target_set",
      objectType: "target",
      objectId: `${t.store}:${t.month}`,
      objectLabel: `${t.store} ${t.month}`,
      before: before?.gmv,
      after: t.gmv,
    });
  });
}

// Where each alert level goes and the anomaly rules' thresholds (admins), kept as settings rows.
import { recordAction } from "../../audit/audit.ts";
import type { Deps } from "../../deps.ts";
import { assertAdmin } from "../../people/people.ts";
import type { Level, RuleSet } from "./rules.ts";

const setting = (deps: Deps, key: string, value: string) =>
  deps.db.metricSetting.upsert({ where: { key }, create: { key, value }, update: { value } });

/** An admin's change of a setting, with its line in the audit trail. */
const change = (deps: Deps, userId: string, key: string, value: string) =>
  deps.db.$transaction(async (tx) => {
    const before = await tx.metricSetting.findUnique({ where: { key } });
    await tx.metricSetting.upsert({ where: { key }, create: { key, value }, update: { value } });
    await recordAction(tx, deps.clock, {
      actorId: userId,
      feature: "metrics",
      action: "setting",
      objectType: "setting",
      objectId: key,
      objectLabel: key,
      before: before?.value,
      after: value,
    });
  });

export async function setRecipient(deps: Deps, userId: string, level: Level, channelId: string): Promise<void> {
  await assertAdmin(deps, userId, "metrics.error.admin");
  await change(deps, userId, `recipients:${level}`, channelId);
}

export async function saveRules(deps: Deps, userId: string, rules: RuleSet): Promise<void> {
  await assertAdmin(deps, userId, "metrics.error.admin");
  await change(deps, userId, "rules", JSON.stringify(rules));
}

/** Until when a store's metric stays quiet after someone pressed Snooze on its alert. */
export async function snoozeMetric(deps: Deps, store: string, metric: string, until: Date): Promise<void> {
  await setting(deps, `snooze:${store}:${metric}`, until.toISOString());
}

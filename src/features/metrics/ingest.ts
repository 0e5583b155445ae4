import type { Deps } from "../../deps.ts";
import { checkAnomalies } from "./anomalies.ts";
import { upsertMetrics } from "./data.ts";
import type { MetricRecord } from "./schema.ts";

/** Stores metrics (re-sent keys replace) and checks the rules for every store and day touched. */
export async function ingestMetrics(deps: Deps, records: MetricRecord[]) {
  const r = await upsertMetrics(deps.db, records);
  const touched = new Set(records.filter((x) => x.hour === -1 && x.sku === "").map((x) => `${x.store}\u0000${x.date}`));
  let alerts = 0;
  for (const key of [...touched].sort()) {
    const [store, date] = key.split("\u0000") as [string, string];
    alerts += (await checkAnomalies(deps, store, date)).length;
  }
  return { ...r, alerts };
}

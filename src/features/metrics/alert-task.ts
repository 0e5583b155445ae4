// "Create action" on an anomaly alert: a RACI task's description drafted from the alert (what
// moved, where, on which day), for the person to finish in the task form.
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { stored } from "../../infra/db/stored.ts";
import type { Translator } from "../../infra/i18n.ts";

export async function taskDraftFor(deps: Deps, alertId: string, t: Translator): Promise<string | undefined> {
  const alert = await deps.db.metricAlert.findUnique({ where: { id: alertId } });
  if (!alert) return undefined;
  const text = stored(z.object({ text: z.string() }).loose(), alert.detail, "metric alert").text;
  return t("metrics.alert.taskBody", {
    metric: alert.metric.toUpperCase(),
    store: alert.store,
    date: alert.date,
    text,
  });
}

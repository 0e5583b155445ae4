// Anomaly checks run whenever data for a store and day arrives, not only at 09:00. Each alert is
// written once per metric, store, day and level; re-sending the same data finds it and says nothing.
import type { Deps } from "../../deps.ts";
import { t, type Locale } from "../../infra/i18n.ts";
import { shiftDate } from "../../infra/time.ts";
import { channelTotals, dayTotals, topMovers } from "./data.ts";
import { decompose, DEFAULT_RULES, findAnomalies, mainFactor, type Finding, type Level, type RuleSet, type Totals } from "./rules.ts";
import { alertBlocks, money, signedPct } from "./texts.ts";

export async function loadRules(deps: Pick<Deps, "db">): Promise<RuleSet> {
  const row = await deps.db.metricSetting.findUnique({ where: { key: "rules" } });
  return row ? { ...DEFAULT_RULES, ...(JSON.parse(row.value) as Partial<RuleSet>) } : DEFAULT_RULES;
}

export async function recipientFor(deps: Pick<Deps, "db">, level: Level): Promise<string | undefined> {
  return (await deps.db.metricSetting.findUnique({ where: { key: `recipients:${level}` } }))?.value;
}

export async function checkAnomalies(deps: Deps, store: string, date: string): Promise<Finding[]> {
  const today = await dayTotals(deps.db, store, date);
  if (!today) return [];
  const yesterday = await dayTotals(deps.db, store, shiftDate(date, -1));
  const rules = await loadRules(deps);
  const weeks: Totals[] = [];
  for (let w = 1; w <= rules.dynamic.weeks; w++) {
    const t = await dayTotals(deps.db, store, shiftDate(date, -7 * w));
    if (t) weeks.push(t);
  }
  const findings = findAnomalies(today, yesterday, weeks, rules);
  const raised: Finding[] = [];
  for (const f of findings) {
    const snooze = await deps.db.metricSetting.findUnique({ where: { key: `snooze:${store}:${f.metric}` } });
    if (snooze && new Date(snooze.value) > deps.clock.now()) continue;
    const exists = await deps.db.metricAlert.findFirst({ where: { metric: f.metric, store, date, level: f.level } });
    if (exists) continue;
    const text = await describe(deps, deps.config.DEFAULT_LOCALE, store, date, f, today, yesterday);
    const to = await recipientFor(deps, f.level);
    try {
      await deps.db.$transaction(async (tx) => {
        const alert = await tx.metricAlert.create({
          data: { rule: f.rule, metric: f.metric, store, date, level: f.level, detail: JSON.stringify({ ...f, text }), createdAt: deps.clock.now() },
        });
        if (!to) return;
        const { id } = await deps.outbox.enqueue(tx, { kind: "post", channel: to, body: { text, blocks: alertBlocks(deps.config.DEFAULT_LOCALE, text, alert.id) } });
        await tx.metricAlert.update({ where: { id: alert.id }, data: { messageId: id } });
      });
      raised.push(f);
    } catch (e) {
      // Another request raised the same alert at the same moment: the unique key kept it single.
      if ((e as { code?: string }).code !== "P2002") throw e;
    }
  }
  return raised;
}

async function describe(deps: Deps, locale: Locale, store: string, date: string, f: Finding, today: Totals, yesterday: Totals | null): Promise<string> {
  const icon = f.level === "critical" ? "🔴" : f.level === "warning" ? "🟠" : "🟡";
  const d = yesterday ? decompose(today, yesterday) : null;
  const factor = t(locale, `metrics.factor.${d ? mainFactor(d) : "uv"}`);
  const movers = topMovers(await channelTotals(deps.db, store, date), await channelTotals(deps.db, store, shiftDate(date, -1)), 1);
  const channel = movers[0] ? t(locale, "metrics.alert.channel", { channel: movers[0][0], delta: money(movers[0][1], true) }) : "";
  const level = t(locale, `metrics.level.${f.level}`);
  if (f.rule === "correlated") {
    return t(locale, "metrics.alert.correlated", { icon, level, store, date, change: signedPct(f.change), reference: `${(f.reference * 100).toFixed(2)}%`, value: `${(f.value * 100).toFixed(2)}%`, channel });
  }
  return t(locale, f.rule === "static" ? "metrics.alert.static" : "metrics.alert.dynamic", {
    icon, level, store, date, value: money(f.value), reference: money(f.reference), change: signedPct(f.change), factor, channel,
  });
}

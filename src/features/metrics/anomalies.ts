// Anomaly checks run whenever data arrives, not only at 09:00, for every store and day the data
// touched, set-based: one grouped statement gives a store's daily totals over the whole range
// (the days, the day before each, the same weekday of past weeks), the rules run in plain code,
// and one statement each reads the alerts already raised and the snoozes. Each alert is written
// once per metric, store, day and level; re-sending the same data finds it and says nothing.
// A backfill of old days records what it finds without posting it: an alert is for what can
// still be acted on (the last ALERT_DAYS days), not for last year's Double 11.
import { z } from "zod";
import { stored } from "../../infra/db/stored.ts";
import { channelLocales } from "../../people/channels.ts";
import type { Deps } from "../../deps.ts";
import { t, type Locale } from "../../infra/i18n.ts";
import { newId } from "../../infra/db/ids.ts";
import { shiftDate, todayIn } from "../../infra/time.ts";
import {
  decompose,
  DEFAULT_RULES,
  findAnomalies,
  mainFactor,
  type Finding,
  type Level,
  type RuleSet,
  type Totals,
} from "./rules.ts";
import { money, signedPct } from "./format.ts";
import { postAlert } from "./notify.ts";
import { channelsByDay, topMovers, totalsByDay } from "./totals.ts";

/** Days back from today (team time) whose anomalies are posted; older ones are recorded only. */
export const ALERT_DAYS = 2;
const WINDOW_DAYS = 90;

const Level = z.enum(["notice", "warning", "critical"]);
/** The rules as stored by /metrics rule: any of the three parts, each whole. */
const StoredRules = z.object({
  staticDrop: z.object({ warning: z.number(), critical: z.number() }).optional(),
  dynamic: z.object({ weeks: z.number(), k: z.number(), level: Level }).optional(),
  correlated: z.object({ uvUp: z.number(), conversionDown: z.number(), level: Level }).optional(),
});

export async function loadRules(deps: Pick<Deps, "db">): Promise<RuleSet> {
  const row = await deps.db.metricSetting.findUnique({ where: { key: "rules" } });
  if (!row) return DEFAULT_RULES;
  const saved = stored(StoredRules, row.value, "metric rules");
  return {
    staticDrop: saved.staticDrop ?? DEFAULT_RULES.staticDrop,
    dynamic: saved.dynamic ?? DEFAULT_RULES.dynamic,
    correlated: saved.correlated ?? DEFAULT_RULES.correlated,
  };
}

export async function recipientFor(deps: Pick<Deps, "db">, level: Level): Promise<string | undefined> {
  return (await deps.db.metricSetting.findUnique({ where: { key: `recipients:${level}` } }))?.value;
}

interface Found {
  store: string;
  date: string;
  finding: Finding;
  today: Totals;
  yesterday: Totals | null;
}

/** Findings for the given days of one store, from one grouped read of its totals. */
export async function findingsFor(
  deps: Pick<Deps, "sql">,
  store: string,
  dates: readonly string[],
  rules: RuleSet,
): Promise<Found[]> {
  if (!dates.length) return [];
  const sorted = [...dates].sort();
  const totals = await totalsByDay(
    deps.sql,
    store,
    shiftDate(sorted[0]!, -7 * rules.dynamic.weeks),
    sorted[sorted.length - 1]!,
  );
  const out: Found[] = [];
  for (const date of sorted) {
    const today = totals.get(date);
    if (!today) continue;
    const yesterday = totals.get(shiftDate(date, -1)) ?? null;
    const weeks: Totals[] = [];
    for (let w = 1; w <= rules.dynamic.weeks; w++) {
      const x = totals.get(shiftDate(date, -7 * w));
      if (x) weeks.push(x);
    }
    for (const finding of findAnomalies(today, yesterday, weeks, rules))
      out.push({ store, date, finding, today, yesterday });
  }
  return out;
}

/** Checks every touched (store → days); returns how many alerts were posted and how many old ones recorded. */
export async function checkAnomalies(
  deps: Deps,
  touched: Map<string, Set<string>>,
): Promise<{ alerts: number; recorded: number }> {
  const rules = await loadRules(deps);
  const now = deps.clock.now();
  const firstPosted = shiftDate(todayIn(now, deps.config.DEFAULT_TIMEZONE), -ALERT_DAYS);
  let alerts = 0;
  let recorded = 0;
  for (const [store, days] of touched) {
    // A backfill touches years: read them a quarter at a time, letting requests in between (one
    // 3-year read is a 100 ms statement during which nothing else runs).
    const sorted = [...days].sort();
    const found: Found[] = [];
    for (let i = 0; i < sorted.length; i += WINDOW_DAYS) {
      found.push(...(await findingsFor(deps, store, sorted.slice(i, i + WINDOW_DAYS), rules)));
      await new Promise<void>((r) => setImmediate(r));
    }
    if (!found.length) continue;
    const dates = [...new Set(found.map((f) => f.date))].sort();
    const raised = new Set(
      (
        await deps.sql.all<{ metric: string; date: string; level: string }>(
          `SELECT "metric", "date", "level" FROM "MetricAlert" WHERE "store" = ? AND "date" >= ? AND "date" <= ?`,
          [store, dates[0]!, dates[dates.length - 1]!],
        )
      ).map((a) => `${a.metric}\u0000${a.date}\u0000${a.level}`),
    );
    const snoozes = new Map(
      (
        await deps.sql.all<{ key: string; value: string }>(
          `SELECT "key", "value" FROM "MetricSetting" WHERE "key" LIKE ?`,
          [`snooze:${store}:%`],
        )
      ).map((s) => [s.key.slice(`snooze:${store}:`.length), new Date(s.value)]),
    );
    const fresh = found.filter(
      (f) =>
        !raised.has(`${f.finding.metric}\u0000${f.date}\u0000${f.finding.level}`) &&
        !((snoozes.get(f.finding.metric) ?? now) > now),
    );
    const old = fresh.filter((f) => f.date < firstPosted);
    const recent = fresh.filter((f) => f.date >= firstPosted);
    if (old.length) recorded += await recordQuietly(deps, old);
    if (recent.length) alerts += await post(deps, store, recent);
  }
  return { alerts, recorded };
}

/** Old days' findings: kept (the history shows them), posted to no one. */
async function recordQuietly(deps: Deps, found: Found[]): Promise<number> {
  const at = deps.clock.now();
  return deps.sql.tx(async (q) => {
    let n = 0;
    for (let i = 0; i < found.length; i += 500) {
      const slice = found.slice(i, i + 500);
      n += await q.run(
        `INSERT INTO "MetricAlert" ("id", "rule", "metric", "store", "date", "level", "detail", "status", "createdAt") VALUES ${slice.map(() => "(?, ?, ?, ?, ?, ?, ?, 'history', ?)").join(", ")} ON CONFLICT DO NOTHING`,
        slice.flatMap((f) => [
          newId(),
          f.finding.rule,
          f.finding.metric,
          f.store,
          f.date,
          f.finding.level,
          JSON.stringify(f.finding),
          at,
        ]),
      );
    }
    return n;
  });
}

async function post(deps: Deps, store: string, found: Found[]): Promise<number> {
  const movers = await channelsByDay(deps.sql, store, [
    ...new Set(found.flatMap((f) => [f.date, shiftDate(f.date, -1)])),
  ]);
  const recipients = new Map<Level, string | undefined>();
  for (const f of found)
    if (!recipients.has(f.finding.level)) recipients.set(f.finding.level, await recipientFor(deps, f.finding.level));
  // Each alert speaks the language of the channel it goes to (the workspace's when it goes nowhere).
  const locales = await channelLocales(
    deps,
    [...recipients.values()].filter((x): x is string => Boolean(x)),
  );
  let n = 0;
  for (const f of found) {
    const to = recipients.get(f.finding.level);
    const locale = (to && locales.get(to)) || deps.config.DEFAULT_LOCALE;
    const text = describe(locale, f, movers);
    try {
      await deps.db.$transaction(async (tx) => {
        const alert = await tx.metricAlert.create({
          data: {
            rule: f.finding.rule,
            metric: f.finding.metric,
            store,
            date: f.date,
            level: f.finding.level,
            detail: { ...f.finding, text },
            createdAt: deps.clock.now(),
          },
        });
        if (!to) return;
        const id = await postAlert(tx, deps, { channel: to, locale, text, alertId: alert.id, level: f.finding.level });
        await tx.metricAlert.update({ where: { id: alert.id }, data: { messageId: id } });
      });
      n++;
    } catch (e) {
      // Another request raised the same alert at the same moment: the unique key kept it single.
      if ((e as { code?: string }).code !== "P2002") throw e;
    }
  }
  return n;
}

function describe(locale: Locale, f: Found, byDay: Map<string, Map<string, Totals>>): string {
  const { finding, today, yesterday, store, date } = f;
  const icon = finding.level === "critical" ? "🔴" : finding.level === "warning" ? "🟠" : "🟡";
  const d = yesterday ? decompose(today, yesterday) : null;
  const factor = t(locale, `metrics.factor.${d ? mainFactor(d) : "uv"}`);
  const mover = topMovers(byDay.get(date) ?? new Map(), byDay.get(shiftDate(date, -1)) ?? new Map(), 1)[0];
  const channel = mover ? t(locale, "metrics.alert.channel", { channel: mover[0], delta: money(mover[1], true) }) : "";
  const level = t(locale, `metrics.level.${finding.level}`);
  if (finding.rule === "correlated") {
    return t(locale, "metrics.alert.correlated", {
      icon,
      level,
      store,
      date,
      change: signedPct(finding.change),
      reference: `${(finding.reference * 100).toFixed(2)}%`,
      value: `${(finding.value * 100).toFixed(2)}%`,
      channel,
    });
  }
  return t(locale, finding.rule === "static" ? "metrics.alert.static" : "metrics.alert.dynamic", {
    icon,
    level,
    store,
    date,
    value: money(finding.value),
    reference: money(finding.reference),
    change: signedPct(finding.change),
    factor,
    channel,
  });
}

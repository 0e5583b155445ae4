// The managers' digest: yesterday (or last week) against the day before, the same weekday last
// week, the same day last year and the target; the GMV change split into its factors; the top
// movers; and a 30-day trend chart as a PNG in the same message.
import { cadenceCron, nextLocal } from "../../scheduler/recurring.ts";
import { JOB_DIGEST } from "./ids.ts";
import { channelLocale } from "../../people/channels.ts";
import type { Deps } from "../../deps.ts";
import { t, type Locale } from "../../infra/i18n.ts";
import { countTimers, scheduleTimer } from "../../scheduler/timers.ts";
import { userContext } from "../../people/people.ts";
import { shiftDate } from "../../infra/time.ts";
import { movers, targetLine, trendChart } from "./digest-parts.ts";
import { versionOf } from "./store-rows.ts";
import { totalsOver } from "./totals.ts";
import { change, decompose, kpis, mainFactor } from "./rules.ts";
import { money, num, pct, signedPct } from "./format.ts";
import type { Table } from "../../outbox/table.ts";
import { withTable } from "../../outbox/table.ts";

type Sub = {
  id: string;
  target: string;
  store: string;
  cadence: string;
  weekday: number | null;
  time: string;
  timeZone: string;
};

/** The next send of a subscription after now, in its own time zone (its cadence as cron). */
export function nextDigest(sub: Sub, now: Date): { at: Date; date: string } {
  return nextLocal(
    cadenceCron({ time: sub.time, weekday: sub.cadence === "weekly" ? sub.weekday : null }),
    sub.timeZone,
    now,
  );
}

/** The owner of a digest subscription's timers. */
export const digestOwner = (subId: string) => `metrics:digest:${subId}`;

export async function planNextDigest(deps: Deps, sub: Sub): Promise<void> {
  const { at, date } = nextDigest(sub, deps.clock.now());
  await scheduleTimer(deps.db, deps.clock, {
    kind: JOB_DIGEST,
    key: `${digestOwner(sub.id)}:${date}`,
    owner: digestOwner(sub.id),
    dueAt: at,
    payload: { subId: sub.id, date },
  });
  deps.wakeScheduler();
}

export async function auditDigests(deps: Deps): Promise<void> {
  for (const sub of await deps.db.digestSubscription.findMany()) {
    const pending = await countTimers(deps.db, digestOwner(sub.id));
    if (pending === 0) await planNextDigest(deps, sub);
  }
}

export interface Digest {
  text: string;
  png: Buffer;
  /** The top movers again as a table, posted under the chart (a file's comment carries no blocks). */
  movers?: { title: string; lines: string[]; table: Table };
}

/** The digest of the period ending on `end` (a day, or the 7 days to it for weekly). */
export async function buildDigest(
  deps: Deps,
  store: string,
  end: string,
  weekly: boolean,
  locale: Locale,
): Promise<Digest | undefined> {
  // At 09:00 every subscriber of a store asks for the same digest: build it once per version of
  // the store's data (bumped by every upload) and of its target.
  const target = await deps.db.metricTarget.findUnique({ where: { store_month: { store, month: end.slice(0, 7) } } });
  const key = JSON.stringify([store, end, weekly, locale, await versionOf(deps.sql, store), target?.gmv ?? null]);
  let digest = digests.get(key);
  if (!digest) {
    digest = compose(deps, store, end, weekly, locale, target?.gmv ?? null);
    digests.set(key, digest);
    digest.catch(() => digests.delete(key));
    while (digests.size > 64) digests.delete(digests.keys().next().value!);
  }
  return digest;
}

const digests = new Map<string, Promise<Digest | undefined>>();

async function compose(
  deps: Deps,
  store: string,
  end: string,
  weekly: boolean,
  locale: Locale,
  targetGmv: number | null,
): Promise<Digest | undefined> {
  const q = deps.sql;
  const tr = (k: Parameters<typeof t>[1], p?: Parameters<typeof t>[2]) => t(locale, k, p);
  const span = weekly ? 7 : 1;
  const start = shiftDate(end, -(span - 1));
  const now = await totalsOver(q, store, start, end);
  if (!now) return undefined;
  const prev = await totalsOver(q, store, shiftDate(start, -span), shiftDate(end, -span));
  const lastWeek = weekly ? null : await totalsOver(q, store, shiftDate(end, -7));
  const lastYear = await totalsOver(q, store, shiftDate(start, -364), shiftDate(end, -364));
  const k = kpis(now);
  const kp = prev ? kpis(prev) : null;
  const lines = [`*${tr("metrics.digest.title", { store, period: weekly ? `${start} – ${end}` : end })}*`];
  lines.push(
    weekly
      ? tr("metrics.digest.gmvWeek", {
          gmv: money(now.gmv),
          dod: signedPct(change(now.gmv, prev?.gmv)),
          yoy: signedPct(change(now.gmv, lastYear?.gmv)),
        })
      : tr("metrics.digest.gmv", {
          gmv: money(now.gmv),
          dod: signedPct(change(now.gmv, prev?.gmv)),
          wow: signedPct(change(now.gmv, lastWeek?.gmv)),
          yoy: signedPct(change(now.gmv, lastYear?.gmv)),
        }),
  );
  if (targetGmv !== null) lines.push(await targetLine(q, tr, { store, end, span, gmv: now.gmv, targetGmv }));
  lines.push(
    tr("metrics.digest.kpis", {
      uv: num(now.uv),
      uvChange: signedPct(change(now.uv, prev?.uv)),
      conversion: pct(k.conversion, 2),
      conversionChange: signedPct(k.conversion != null && kp?.conversion ? change(k.conversion, kp.conversion) : null),
      aov: k.aov == null ? "–" : money(k.aov),
      aovChange: signedPct(k.aov != null && kp?.aov ? change(k.aov, kp.aov) : null),
      uvValue: k.uvValue == null ? "–" : money(k.uvValue),
      roi: k.roi == null ? "–" : `${k.roi.toFixed(2)}:1`,
      refundRate: pct(k.refundRate),
    }),
    tr("metrics.digest.funnel", {
      pv: pct(k.funnel.productView),
      cart: pct(k.funnel.cart),
      order: pct(k.funnel.order),
    }),
  );
  const d = prev ? decompose(now, prev) : null;
  if (d)
    lines.push(
      tr("metrics.digest.split", {
        total: money(d.total, true),
        uv: money(d.uv, true),
        conversion: money(d.conversion, true),
        perBuyer: money(d.perBuyer, true),
        factor: tr(`metrics.factor.${mainFactor(d)}`),
      }),
    );
  const moved = await movers(q, tr, { store, start, end, span });
  lines.push(...moved.lines);
  const png = await trendChart(q, tr, store, end);
  const title = tr("metrics.digest.moversTitle", { store, period: weekly ? `${start} – ${end}` : end });
  return {
    text: lines.join("\n"),
    png,
    ...(moved.table ? { movers: { title, lines: moved.lines, table: moved.table } } : {}),
  };
}

export async function queueDigest(
  deps: Deps,
  sub: Pick<Sub, "id" | "target" | "store" | "cadence">,
  end: string,
  dedupeKey?: string,
): Promise<boolean> {
  // A DM speaks its reader's language; a channel its own.
  const locale = /^[UW]/.test(sub.target)
    ? (await userContext(deps, sub.target)).locale
    : await channelLocale(deps, sub.target);
  const digest = await buildDigest(deps, sub.store, end, sub.cadence === "weekly", locale);
  if (!digest) return false;
  await deps.outbox.enqueue(deps.db, {
    kind: "file",
    channel: sub.target,
    body: { text: digest.text },
    file: {
      filename: `gmv-${sub.store}-${end}.png`,
      title: `GMV ${sub.store} ${end}`,
      altText: `GMV ${sub.store}`,
      base64: digest.png.toString("base64"),
    },
    dedupeKey,
  });
  // In the same lane, so right under the chart.
  if (digest.movers)
    await deps.outbox.enqueue(deps.db, {
      kind: "post",
      channel: sub.target,
      body: withTable({ text: [digest.movers.title, ...digest.movers.lines].join("\n") }, digest.movers.table, [
        digest.movers.title,
      ]),
      dedupeKey: dedupeKey ? `${dedupeKey}:movers` : undefined,
    });
  return true;
}

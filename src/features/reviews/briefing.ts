// The daily review briefing: one timer per subscription per day, at the subscriber's local time,
// keyed by date so a restart or a second replica never sends one twice.
import { listKeywords } from "./keywords.ts";
import { cadenceCron, nextLocal } from "../../scheduler/recurring.ts";
import { JOB_BRIEFING } from "./ids.ts";
import { esc } from "../../infra/markup.ts";
import type { Deps } from "../../deps.ts";
import { t, type Locale } from "../../infra/i18n.ts";
import { countTimers, scheduleTimer } from "../../scheduler/timers.ts";
import type { MessageBody } from "../../outbox/message.ts";
import { withTable } from "../../outbox/table.ts";
import { localTime, shiftDate } from "../../infra/time.ts";
import { briefingStats } from "./briefing-stats.ts";
import { dayDetail, windowCounts } from "./briefing-sql.ts";
import { readerOf } from "../../infra/db/sql.ts";

type Sub = { id: string; channelId: string; time: string; timeZone: string };

const key = (sub: Sub, date: string) => `${briefingOwner(sub.id)}:${date}`;
/** The owner of a briefing subscription's timers. */
export const briefingOwner = (subId: string) => `reviews:briefing:${subId}`;

/** Plans the next briefing of a subscription at or after now. */
export async function planNextBriefing(deps: Deps, sub: Sub): Promise<void> {
  const { at, date } = nextLocal(cadenceCron({ time: sub.time }), sub.timeZone, deps.clock.now());
  await scheduleTimer(deps.db, deps.clock, {
    kind: JOB_BRIEFING,
    key: key(sub, date),
    owner: briefingOwner(sub.id),
    dueAt: at,
    payload: { subId: sub.id, date },
  });
  deps.wakeScheduler();
}

/** At start: every subscription has its next briefing planned (a crash can't lose the chain). */
export async function auditBriefings(deps: Deps): Promise<void> {
  for (const sub of await deps.db.reviewSubscription.findMany()) {
    const pending = await countTimers(deps.db, briefingOwner(sub.id));
    if (pending === 0) await planNextBriefing(deps, sub);
  }
}

/** The local day `date` (and `days - 1` before it) as [from, to). */
function window(date: string, days: number, timeZone: string): [Date, Date] {
  return [localTime(shiftDate(date, -(days - 1)), "00:00", timeZone), localTime(shiftDate(date, 1), "00:00", timeZone)];
}

const pct = (x: number | null) => (x == null ? "–" : `${(x * 100).toFixed(1)}%`);
const pp = (a: number, b: number | null) =>
  b == null ? "–" : `${a - b >= 0 ? "+" : ""}${((a - b) * 100).toFixed(1)}pp`;

/** The briefing for one local day (the day before the briefing is sent), in `locale`. */
export async function briefingFor(deps: Deps, date: string, timeZone: string, locale: Locale): Promise<MessageBody> {
  // A refund is what the customer asks for, not why: it is shown as a tag beside the causes.
  const refundWords = (await listKeywords(deps.db)).filter((k) => k.category === "refund").map((k) => k.word);
  const s = briefingStats(
    await dayDetail(readerOf(deps.sql), ...window(date, 1, timeZone), refundWords),
    await windowCounts(readerOf(deps.sql), ...window(shiftDate(date, -1), 1, timeZone)),
    await windowCounts(readerOf(deps.sql), ...window(shiftDate(date, -1), 7, timeZone)),
  );
  const routes = new Map(
    (await deps.db.reviewSetting.findMany({ where: { key: { startsWith: "route:" } } })).map((r) => [
      r.key.slice(6),
      r.value,
    ]),
  );
  const lines = [
    `*${t(locale, "reviews.briefing.title", { date })}*`,
    t(locale, "reviews.briefing.totals", {
      total: s.total,
      negative: s.negative,
      rate: pct(s.rate),
      prevRate: pct(s.prevRate),
      avgRate: pct(s.avgRate),
    }),
  ];
  if (s.negative === 0) lines.push(t(locale, "reviews.briefing.none"));
  // The cause lines are the text's; above the table (which has them) the rest is shown.
  const causeLines = new Set<string>();
  for (const c of s.causes) {
    const owner = routes.get(c.cause);
    lines.push(
      t(locale, "reviews.briefing.cause", {
        cause: t(locale, `rcause.${c.cause}`),
        count: c.count,
        share: pct(c.share),
        vsPrev: pp(c.share, c.prevShare),
        vsAvg: pp(c.share, c.avgShare),
        owner: owner ? ` → <@${owner}>` : "",
      }),
    );
    causeLines.add(lines.at(-1)!);
  }
  if (s.refunds)
    lines.push(
      t(locale, "reviews.briefing.refundTag", { count: s.refunds, share: pct(s.refunds / Math.max(1, s.negative)) }),
    );
  // "Other" on top means the keywords don't describe what customers complain about.
  if (s.causes[0]?.cause === "other" && s.causes[0].count > 0) lines.push(t(locale, "reviews.briefing.otherTop"));
  if (s.keywords.length)
    lines.push(t(locale, "reviews.briefing.keywords", { list: s.keywords.map(([k, n]) => `${k} ×${n}`).join(" · ") }));
  if (s.skus.length)
    lines.push(t(locale, "reviews.briefing.skus", { list: s.skus.map(([k, n]) => `${k} ×${n}`).join(" · ") }));
  if (s.examples.length) {
    lines.push(t(locale, "reviews.briefing.examples"));
    for (const e of s.examples)
      lines.push(`> ${"★".repeat(e.rating)} ${esc(e.sku)}: ${esc(e.text.slice(0, 200).replace(/\n/g, " "))}`);
  }
  if (s.negative === 0) return { text: lines.join("\n") };
  // The causes again as a table under the text: one row per cause, its share and both trends.
  const cols = ["cause", "count", "share", "vsPrev", "vsAvg"] as const;
  return withTable(
    { text: lines.join("\n") },
    {
      header: cols.map((k) => t(locale, `reviews.briefing.col.${k}`)),
      align: ["left", "right", "right", "right", "right"],
      // A cause with nothing today or before is no news; one that dropped to nothing is.
      rows: s.causes
        .filter((c) => c.count > 0 || (c.prevShare ?? 0) > 0 || (c.avgShare ?? 0) > 0)
        .map((c) => [
          t(locale, `rcause.${c.cause}`),
          String(c.count),
          pct(c.share),
          pp(c.share, c.prevShare),
          pp(c.share, c.avgShare),
        ]),
    },
    lines.filter((l) => !causeLines.has(l)),
  );
}

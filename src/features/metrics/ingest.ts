// Taking metrics in: rows are stored in slices, each slice in one transaction with set-based SQL
// (store-rows.ts), with a turn of the event loop between slices so that Slack's requests are
// answered while a million-row backfill is written. The anomaly rules run once at the end, for
// every store and day the upload touched (anomalies.ts).
import type { Deps } from "../../deps.ts";
import { newId } from "../../infra/db/ids.ts";
import { shiftDate, todayIn } from "../../infra/time.ts";
import { dialectOfClient, prismaExec } from "../../infra/db/prisma-exec.ts";
import { scheduleTimers } from "../../scheduler/timers.ts";
import { JOB_HOURS_ARRIVED } from "./ids.ts";
import { checkAnomalies } from "./anomalies.ts";
import type { MetricRecord } from "./schema-rows.ts";
import { bumpVersions, rollUpHours, storeMetricRows } from "./store-rows.ts";

/** Rows per transaction: big enough to amortise the commit, small enough to keep a turn short. */
const SLICE = 1000;
const yieldTurn = () => new Promise<void>((r) => setImmediate(r));

export interface IngestTotals {
  stored: number;
  replaced: number;
  alerts: number;
  /** Anomalies of days too old to act on, kept without being posted. */
  recorded: number;
}

export class MetricIngest {
  private touched = new Map<string, Set<string>>();
  /** The latest hour of a live day each store sent, announced at the end (JOB_HOURS_ARRIVED). */
  private liveHours = new Map<string, { date: string; hour: number }>();
  readonly totals: IngestTotals = { stored: 0, replaced: 0, alerts: 0, recorded: 0 };
  private nextLog = 100_000;

  constructor(private deps: Deps) {}

  async add(records: readonly MetricRecord[]): Promise<void> {
    for (let i = 0; i < records.length; i += SLICE) {
      const slice = records.slice(i, i + SLICE);
      const r = await this.deps.sql.tx(async (q) => {
        const stored = await storeMetricRows(q, slice);
        // A day summed from its hours is checked by the anomaly rules once it is over: today's
        // hours so far are not a day that fell by 80%.
        const today = todayIn(this.deps.clock.now(), this.deps.config.DEFAULT_TIMEZONE);
        for (const [store, dates] of await rollUpHours(q, slice)) {
          let days = this.touched.get(store);
          if (!days) this.touched.set(store, (days = new Set()));
          for (const d of dates) if (d < today) days.add(d);
        }
        await bumpVersions(
          q,
          slice.map((x) => x.store),
          newId(),
        );
        return stored;
      });
      this.totals.stored += r.stored;
      this.totals.replaced += r.replaced;
      this.deps.metrics.ingestedRows.inc({ kind: "metrics", outcome: "stored" }, r.stored);
      this.deps.metrics.ingestedRows.inc({ kind: "metrics", outcome: "replaced" }, r.replaced);
      this.noteLiveHours(slice);
      for (const x of slice) {
        if (x.hour !== -1 || x.sku !== "") continue;
        let days = this.touched.get(x.store);
        if (!days) this.touched.set(x.store, (days = new Set()));
        days.add(x.date);
      }
      const done = this.totals.stored + this.totals.replaced;
      if (done >= this.nextLog) {
        this.deps.log.info({ rows: done }, "metrics upload in progress");
        this.nextLog += 100_000;
      }
      await yieldTurn();
    }
  }

  private noteLiveHours(slice: readonly MetricRecord[]): void {
    const since = shiftDate(todayIn(this.deps.clock.now(), this.deps.config.DEFAULT_TIMEZONE), -1);
    for (const x of slice) {
      if (x.hour < 0 || x.sku !== "" || x.date < since) continue;
      const was = this.liveHours.get(x.store);
      if (!was || x.date > was.date || (x.date === was.date && x.hour > was.hour))
        this.liveHours.set(x.store, { date: x.date, hour: x.hour });
    }
  }

  /** One timer per store and new hour: a re-sent hour announces nothing twice. */
  private async announceLiveHours(): Promise<void> {
    if (!this.liveHours.size) return;
    const now = this.deps.clock.now();
    await scheduleTimers(
      prismaExec(this.deps.db, dialectOfClient(this.deps.db)),
      this.deps.clock,
      [...this.liveHours].map(([store, h]) => ({
        kind: JOB_HOURS_ARRIVED,
        key: `${JOB_HOURS_ARRIVED}:${store}:${h.date}:${h.hour}`,
        dueAt: now,
        payload: { store },
      })),
    );
    this.deps.wakeScheduler();
  }

  async finish(): Promise<IngestTotals> {
    await this.announceLiveHours();
    const r = await checkAnomalies(this.deps, this.touched);
    this.totals.alerts = r.alerts;
    this.totals.recorded = r.recorded;
    return this.totals;
  }
}

/** Stores metrics (re-sent keys replace) and checks the rules for every store and day touched. */
export async function ingestMetrics(deps: Deps, records: readonly MetricRecord[]): Promise<IngestTotals> {
  const ingest = new MetricIngest(deps);
  await ingest.add(records);
  return ingest.finish();
}

// The sandbox's shop keeps selling: whenever the clock moves, every hour that has ended today
// (and yesterday, for a jump past midnight) gets its hourly rows for shop1, sent to the bot's own
// metrics webhook as a shop's data feed would send them. Re-sending an hour replaces it, so this
// may run as often as it likes. On 11 November the shop sells ten times as much, with a stock-out
// at 10:00–12:00 that the T0 war room notices.
// Also the sandbox's customer reviews (/review), through the same webhook a review feed uses.
import { TZDate } from "@date-fns/tz";
import { addDays, format } from "date-fns";
import type { Clock } from "../infra/clock.ts";
import { TYPICAL_DAY } from "../features/campaigns/t0/plan.ts";

export interface FeedContext {
  baseUrl: string;
  metricsToken: string;
  clock: Clock;
  timeZone: string;
}

const CHANNELS = [
  ["app", 0.6],
  ["web", 0.3],
  ["mini", 0.1],
] as const;

export function hourRows(date: string, hours: number): Record<string, unknown>[] {
  const event = date.endsWith("-11-11");
  const rows: Record<string, unknown>[] = [];
  for (let hour = 0; hour < hours; hour++) {
    const dip = event && (hour === 10 || hour === 11) ? 0.5 : 1;
    for (const [channel, share] of CHANNELS) {
      const uv = Math.round(900 * TYPICAL_DAY[hour]! * share * (event ? 6 : 1));
      const buyers = Math.round(uv * 0.03 * (event ? 1.6 : 1) * dip);
      rows.push({
        date,
        hour,
        store: "shop1",
        channel,
        uv,
        pv: uv * 4,
        product_views: Math.round(uv * 0.68),
        cart_adds: Math.round(uv * 0.24),
        orders: buyers,
        buyers,
        gmv: Math.round(buyers * 185 * 100) / 100,
      });
    }
  }
  return rows;
}

export async function feedHours(f: FeedContext): Promise<void> {
  const local = new TZDate(f.clock.now().getTime(), f.timeZone);
  const today = format(local, "yyyy-MM-dd");
  const yesterday = format(addDays(local, -1), "yyyy-MM-dd");
  const rows = [...hourRows(yesterday, 24), ...hourRows(today, local.getHours())];
  await fetch(`${f.baseUrl}/webhooks/metrics`, {
    method: "POST",
    headers: { authorization: `Bearer ${f.metricsToken}`, "content-type": "application/json" },
    body: JSON.stringify(rows),
  });
}

/** A customer's review, as a shop's review feed would send it, through the bot's webhook. */
export async function postReview(
  baseUrl: string,
  token: string,
  clock: Clock,
  r: { sku: string; rating: number; text: string },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const at = clock.now();
  const res = await fetch(`${baseUrl}/webhooks/reviews`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify([
      {
        platform: "tmall",
        review_id: `SANDBOX-${at.getTime()}`,
        order_id: `SB${at.getTime()}`,
        ...r,
        time: at.toISOString(),
      },
    ]),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

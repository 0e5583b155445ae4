// Large uploads through the real webhooks as NDJSON streams: stored as they arrive, bad lines
// skipped and named, numbers that agree with the rows sent, progress in /metrics, and a backfill
// of old days that records its anomalies without flooding the alert channel.
import { afterEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import { sum, type Totals } from "../../src/features/metrics/rules.ts";
import { totalsByDay } from "../../src/features/metrics/totals.ts";
import { shiftDate } from "../../src/infra/time.ts";
import { startHarness, until, type Harness } from "../support/harness.ts";
import { slashCommand } from "../support/signed.ts";

const M_TOKEN = "metrics-webhook-token-0123456789";
const R_TOKEN = "reviews-webhook-token-0123456789";

describe("NDJSON uploads", () => {
  let h: Harness;
  afterEach(() => h?.stop());

  const stream = (path: string, token: string, lines: string[]) =>
    fetch(`${h.baseUrl}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/x-ndjson" },
      body: lines.join("\n") + "\n",
    }).then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, unknown> }));

  it("takes 60 days × 3 channels × 50 SKUs of metrics, skips and names the bad lines, and agrees with the rows to the cent", async () => {
    const clock = new FixedClock("2026-11-29T02:00:00Z");
    h = await startHarness({
      clock,
      env: { METRICS_WEBHOOK_TOKEN: M_TOKEN, ADMIN_USER_IDS: "U0ADMIN", DEFAULT_LOCALE: "en" },
    });
    await slashCommand(h.baseUrl, {
      command: "/metrics",
      text: "alerts critical <#C0ALERTS|alerts>",
      user_id: "U0ADMIN",
      response_url: h.fake.responseUrl("a"),
    });
    await until(() => h.fake.responses.find((r) => r.id === "a"));
    const rows: Record<string, unknown>[] = [];
    for (let d = 60; d >= 1; d--) {
      const date = shiftDate("2026-11-29", -d);
      // Two drops: one 40 days ago (history), one yesterday (to be posted).
      const drop = d === 40 || d === 1 ? 0.6 : 1;
      for (const [i, channel] of ["app", "web", "mini"].entries()) {
        const uv = 1000 * (i + 1);
        rows.push({
          date,
          store: "shop1",
          channel,
          uv,
          buyers: Math.round(uv * 0.03 * drop),
          orders: Math.round(uv * 0.031 * drop),
          gmv: Math.round(uv * 5.17 * drop * 100) / 100,
          ad_spend: "120.50",
        });
        for (let s = 0; s < 50; s++) rows.push({ date, store: "shop1", channel, sku: `SKU-${s}`, gmv: (s + 1) * 3.33 });
      }
    }
    const lines = rows.map((r) => JSON.stringify(r));
    lines.splice(10, 0, "this is not json");
    lines.splice(500, 0, JSON.stringify({ date: "2026-11-27", store: "shop1", uv: -4 }));
    lines.splice(900, 0, JSON.stringify({ date: "2026-02-30", store: "shop1" }));
    const r = await stream("/webhooks/metrics", M_TOKEN, lines);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ ok: true, stored: rows.length, replaced: 0, skipped: 3, alerts: 1 });
    expect(r.json.recorded).toBeGreaterThanOrEqual(1);
    expect(r.json.problems).toEqual([
      { row: 11, field: "line", message: "not JSON" },
      { row: 501, field: "uv", message: "cannot be negative" },
      { row: 901, field: "date", message: "a real date as YYYY-MM-DD" },
    ]);
    expect(await h.bot.deps.db.metricRow.count()).toBe(rows.length);

    // The set-based totals agree with summing the rows sent, day by day, to the cent.
    const byDay = await totalsByDay(h.bot.deps.sql, "shop1", "2026-09-01", "2026-11-30");
    const expected = new Map<string, Totals>();
    for (const date of new Set(rows.map((x) => x.date as string))) {
      const day = rows
        .filter((x) => x.date === date && !x.sku)
        .map((x) => ({
          uv: x.uv as number,
          buyers: x.buyers as number,
          orders: x.orders as number,
          gmv: x.gmv as number,
          adSpend: 120.5,
        }));
      expected.set(date, sum(day));
    }
    expect(byDay).toEqual(expected);

    // Yesterday's drop is posted; the one 40 days ago is recorded, not posted.
    await until(() => h.fake.callsOf("chat.postMessage").some((c) => c.args.channel === "C0ALERTS"));
    const posted = h.fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "C0ALERTS");
    expect(posted).toHaveLength(1);
    expect(String(posted[0]!.args.text)).toContain("2026-11-28");
    const old = await h.bot.deps.db.metricAlert.findMany({ where: { date: shiftDate("2026-11-29", -40) } });
    expect(old.map((a) => [a.rule, a.level, a.status])).toEqual([["static", "critical", "history"]]);

    // Progress is visible to Prometheus.
    const text = await (await fetch(`${h.baseUrl}/metrics`)).text();
    expect(text).toMatch(new RegExp(`shopops_ingested_rows_total\\{kind="metrics",outcome="stored"\\} ${rows.length}`));
    expect(text).toMatch(/shopops_ingested_rows_total\{kind="metrics",outcome="skipped"\} 3/);

    // Re-sending replaces, and raises nothing new.
    const again = await stream(
      "/webhooks/metrics",
      M_TOKEN,
      rows.slice(0, 300).map((x) => JSON.stringify(x)),
    );
    expect(again.json).toMatchObject({ stored: 0, replaced: 300, skipped: 0, alerts: 0 });
  });

  it("streams reviews: duplicates stored once, bad lines named, only recent critical reviews alerted", async () => {
    const clock = new FixedClock("2026-11-29T02:00:00Z");
    h = await startHarness({ clock, env: { REVIEWS_WEBHOOK_TOKEN: R_TOKEN, ADMIN_USER_IDS: "U0ADMIN" } });
    await slashCommand(h.baseUrl, {
      command: "/reviews",
      text: "channel <#C0REVIEWS|reviews>",
      user_id: "U0ADMIN",
      response_url: h.fake.responseUrl("c"),
    });
    await until(() => h.fake.responses.find((r) => r.id === "c"));
    const review = (i: number, text: string, time: string) =>
      JSON.stringify({
        platform: "tmall",
        review_id: `R${i}`,
        sku: `SKU-${i % 7}`,
        rating: text.includes("假货") ? 1 : 5,
        text,
        time,
      });
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++)
      lines.push(review(i, i % 100 === 0 ? "收到假货，要投诉" : "很好用，推荐", "2026-10-01 10:00"));
    lines.push(review(5, "很好用，推荐", "2026-10-01 10:00")); // a duplicate
    lines.push("{broken");
    lines.push(
      JSON.stringify({ platform: "tmall", review_id: "X", sku: "A", rating: 9, text: "x", time: "2026-11-28 10:00" }),
    );
    lines.push(review(9000, "怀疑是假货，已经投诉", "2026-11-29 09:30")); // recent and critical
    const r = await stream("/webhooks/reviews", R_TOKEN, lines);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ ok: true, stored: 3001, duplicates: 1, critical: 31, skipped: 2 });
    expect((r.json.problems as { row: number }[]).map((p) => p.row)).toEqual([3002, 3003]);
    expect(await h.bot.deps.db.review.count()).toBe(3001);
    // One alert, for the review that is still news; the month-old ones feed the briefing.
    await until(() => h.fake.callsOf("chat.postMessage").some((c) => c.args.channel === "C0REVIEWS"));
    const alerts = h.fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "C0REVIEWS");
    expect(alerts).toHaveLength(1);
    expect(JSON.stringify(alerts[0]!.args)).toContain("怀疑是假货");
  });
});

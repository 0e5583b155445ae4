import { firstTable } from "../support/table-cells.ts";
import { afterEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import { pngSize, CHART_SIZE } from "../../src/infra/chart.ts";
import { parseCsvMetrics } from "../../src/features/metrics/parse-batch.ts";
import { runAt as runAtAll, settle as settleAll, startHarness, until, type Harness } from "../support/harness.ts";
import { blockAction } from "../support/payloads.ts";
import { interaction, slashCommand } from "../support/signed.ts";

const TOKEN = "metrics-webhook-token-0123456789";
const row = (date: string, channel: string, uv: number, buyers: number, orders: number, gmv: number, ad_spend = 0) => ({
  date,
  store: "shop1",
  channel,
  uv,
  buyers,
  orders,
  gmv,
  ad_spend,
});
const DATA = [
  row("2026-11-27", "app", 6000, 180, 200, 36000, 4000),
  row("2026-11-27", "web", 4000, 60, 60, 9000.5, 1000),
  row("2026-11-26", "app", 5000, 150, 160, 30000),
  row("2026-11-26", "web", 3000, 50, 50, 7500),
  row("2026-11-20", "app", 8000, 200, 210, 40000),
  row("2025-11-28", "app", 7000, 150, 160, 30000),
  // SKU detail: never counted into the store's totals, shown as the top SKUs.
  { ...row("2026-11-27", "app", 0, 0, 0, 12000), sku: "MUG-1" },
  { ...row("2026-11-26", "app", 0, 0, 0, 8000), sku: "MUG-1" },
  { ...row("2026-11-27", "app", 0, 0, 0, 500), sku: "CUP-9" },
];

describe("metrics", () => {
  let h: Harness;
  let clock: FixedClock;
  afterEach(() => h?.stop());

  const post = (body: unknown, token = TOKEN) =>
    fetch(`${h.baseUrl}/webhooks/metrics`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, unknown> }));
  const cmd = async (user: string, text: string) => {
    const id = `m${Math.random()}`;
    await slashCommand(h.baseUrl, { command: "/metrics", text, user_id: user, response_url: h.fake.responseUrl(id) });
    return String((await until(() => h.fake.responses.find((r) => r.id === id))).body.text);
  };
  const settle = () => settleAll(h);
  const runAt = (iso: string) => runAtAll(h, clock, iso);
  const shared = (channel: string) =>
    h.fake.callsOf("files.completeUploadExternal").filter((c) => c.args.channel_id === channel);

  it("sends the 09:00 digest once per day per subscription in each subscriber's zone, weekly ones on their weekday, with a PNG chart", async () => {
    clock = new FixedClock("2026-11-27T10:00:00Z");
    h = await startHarness({
      clock,
      env: { METRICS_WEBHOOK_TOKEN: TOKEN, ADMIN_USER_IDS: "U0ADMIN", DEFAULT_LOCALE: "en" },
    });
    h.fake.users.set("U0ADMIN", { locale: "en-US", tz: "Asia/Shanghai" });
    h.fake.users.set("U0NY", { locale: "zh-CN", tz: "America/New_York" });
    expect((await post(DATA)).json).toMatchObject({ stored: 9 });
    await cmd("U0ADMIN", "target shop1 2026-11 1500000");
    expect(await cmd("U0ADMIN", "digest <#C0MGMT|mgmt> shop1 daily 09:00")).toContain("09:00 (Asia/Shanghai)");
    expect(await cmd("U0NY", "digest me shop1")).toContain("America/New_York");
    await cmd("U0ADMIN", "digest <#C0WEEK|week> shop1 weekly mon 09:00");

    await runAt("2026-11-28T00:59:00Z");
    expect(shared("C0MGMT")).toHaveLength(0);
    await runAt("2026-11-28T01:00:00Z"); // 09:00 in Shanghai
    expect(shared("C0MGMT")).toHaveLength(1);
    const text = String(shared("C0MGMT")[0]!.args.initial_comment);
    expect(text).toContain("*GMV* ¥45,000.50 · vs day before +20.0% · vs last week +12.5% · vs last year +50.0%");
    expect(text).toContain("conversion 2.40% (-4.0%)");
    expect(text).toContain("AOV ¥173.08");
    expect(text).toContain("ROI 9.00:1");
    expect(text).toContain("= UV +¥9,375.00 + conversion -¥1,875.00 + spend per buyer +¥0.50 → mostly *UV (traffic)*");
    expect(text).toContain("app +¥6,000.00 · web +¥1,500.50");
    expect(text).toContain("*Top SKUs*: MUG-1 +¥4,000.00 · CUP-9 +¥500.00");
    // Target 1,500,000 for November (30 days) = 50,000 a day; month to date 20th + 26th + 27th
    // = 40,000 + 37,500 + 45,000.50 = 122,500.50, 8.2% of the month; the day at 90.0% of 50,000.
    expect(text).toContain(
      "month to date ¥122,500.50 of ¥1,500,000.00 (8.2%); this period's target ¥50,000.00 (90.0%)",
    );
    // The movers again as a table, posted right under the chart. By hand, the 27th against the
    // 26th: app 36,000 − 30,000 = +6,000; web 9,000.50 − 7,500 = +1,500.50; MUG-1 12,000 − 8,000
    // = +4,000; CUP-9 500 − 0 = +500.
    const moversPost = h.fake
      .callsOf("chat.postMessage")
      .find((c) => c.args.channel === "C0MGMT" && String(c.args.text).includes("What moved most"))!;
    expect(String(moversPost.args.text)).toContain("app +¥6,000.00 · web +¥1,500.50");
    expect(firstTable(moversPost.args.attachments).cells).toEqual([
      ["Where", "Name", "GMV", "Period before", "Change"],
      ["Channel", "app", "¥36,000.00", "¥30,000.00", "+¥6,000.00"],
      ["Channel", "web", "¥9,000.50", "¥7,500.00", "+¥1,500.50"],
      ["SKU", "MUG-1", "¥12,000.00", "¥8,000.00", "+¥4,000.00"],
      ["SKU", "CUP-9", "¥500.00", "¥0.00", "+¥500.00"],
    ]);
    // New York's 09:00 came first (14:00 UTC on the 27th): that digest was of the 26th.
    expect(shared("D0NY")).toHaveLength(1);
    expect(String(shared("D0NY")[0]!.args.initial_comment)).toContain("2026-11-26");
    expect(shared("C0WEEK")).toHaveLength(0);

    const fileId = (shared("C0MGMT")[0]!.args.files as { id: string }[])[0]!.id;
    expect(pngSize(h.fake.uploads.get(fileId)!)).toEqual(CHART_SIZE);

    await h.restart();
    await runAt("2026-11-28T05:00:00Z");
    expect(shared("C0MGMT")).toHaveLength(1);
    await runAt("2026-11-28T13:59:00Z");
    expect(shared("D0NY")).toHaveLength(1);
    await runAt("2026-11-28T14:00:00Z"); // 09:00 in New York
    expect(shared("D0NY")).toHaveLength(2);
    expect(String(shared("D0NY")[1]!.args.initial_comment)).toContain("2026-11-27");
    expect(String(shared("D0NY")[1]!.args.initial_comment)).toContain("环比");
    await runAt("2026-11-29T01:00:00Z");
    expect(shared("C0MGMT")).toHaveLength(1); // no data for the 28th: nothing to send
    await runAt("2026-11-30T01:00:00Z"); // Monday
    expect(shared("C0WEEK")).toHaveLength(1);
    expect(String(shared("C0WEEK")[0]!.args.initial_comment)).toContain("2026-11-23 – 2026-11-29");
    await runAt("2026-12-01T01:00:00Z");
    expect(shared("C0WEEK")).toHaveLength(1);
  });

  it("raises a warning for a 25% GMV drop naming the factor, nothing new on re-send, and the correlated alert", async () => {
    clock = new FixedClock("2026-11-29T02:00:00Z");
    h = await startHarness({
      clock,
      env: { METRICS_WEBHOOK_TOKEN: TOKEN, ADMIN_USER_IDS: "U0ADMIN", DEFAULT_LOCALE: "en" },
    });
    await cmd("U0ADMIN", "alerts warning <#C0ALERTS|alerts>");
    await post(DATA.slice(0, 2));
    const drop = [row("2026-11-28", "app", 6000, 120, 130, 24750.38), row("2026-11-28", "web", 4000, 60, 65, 9000)];
    expect((await post(drop)).json).toMatchObject({ alerts: 1 });
    await settle();
    const alerts = () => h.fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "C0ALERTS");
    expect(alerts()).toHaveLength(1);
    const text = String(alerts()[0]!.args.text);
    expect(text).toContain("warning");
    expect(text).toContain("-25.0%");
    expect(text).toContain("Likely factor: *conversion*");
    expect(text).toContain("channel *app* moved most (-¥11,249.62)");
    expect((await post(drop)).json).toMatchObject({ stored: 0, replaced: 2, alerts: 0 });
    await settle();
    expect(alerts()).toHaveLength(1);

    const crash = [row("2026-11-29", "app", 9000, 60, 60, 20000), row("2026-11-29", "web", 4000, 20, 20, 10000)];
    expect((await post(crash)).json).toMatchObject({ alerts: 1 });
    await settle();
    expect(String(alerts()[1]!.args.text)).toContain("UV went up while conversion fell");

    const alert = await h.bot.deps.db.metricAlert.findFirstOrThrow({ where: { date: "2026-11-28" } });
    await interaction(
      h.baseUrl,
      blockAction({
        user: "U0BOSS",
        channel: "C0ALERTS",
        messageTs: "1",
        actionId: "metrics_alert_ack",
        value: alert.id,
        responseUrl: h.fake.responseUrl("a"),
      }),
    );
    await until(() =>
      h.fake.callsOf("chat.update").find((u) => JSON.stringify(u.args.blocks).includes("Acknowledged by <@U0BOSS>")),
    );
    // Create action opens a RACI task form with the alert as its goal.
    await interaction(
      h.baseUrl,
      blockAction({
        user: "U0BOSS",
        channel: "C0ALERTS",
        messageTs: "1",
        actionId: "metrics_alert_task",
        value: alert.id,
        responseUrl: h.fake.responseUrl("t"),
      }),
    );
    const form = await until(() => h.fake.callsOf("views.open")[0]);
    expect((form.args.view as { callback_id: string }).callback_id).toBe("raci_create");
    expect(JSON.stringify(form.args.view)).toContain("-25.0%");
  });

  it("/metrics rule and alerts by level: a 35% drop is critical under a 10%/30% rule and goes to the critical channel; Snooze quiets it; digest off ends a subscription", async () => {
    clock = new FixedClock("2026-11-29T02:00:00Z");
    h = await startHarness({
      clock,
      env: { METRICS_WEBHOOK_TOKEN: TOKEN, ADMIN_USER_IDS: "U0ADMIN", DEFAULT_LOCALE: "en" },
    });
    h.fake.users.set("U0ADMIN", { locale: "en-US", tz: "Asia/Shanghai" });
    expect(await cmd("U0ADMIN", "rule static 10% 30%")).toContain("static −10% warning / −30% critical");
    expect(await cmd("U0ADMIN", "rule static lots more")).toContain("Write it as");
    expect(await cmd("U0ADMIN", "rule dynamic 4 2.5")).toContain("dynamic 4 weeks ±2.5σ");
    expect(await cmd("U0ADMIN", "rule dynamic 2 2.5")).toContain("Write it as");
    expect(await cmd("U0ADMIN", "rule correlated 25% 15%")).toContain("correlated UV +25% &amp; conversion −15%"); // & is escaped for Slack
    await cmd("U0ADMIN", "alerts warning <#C0WARN|warn>");
    await cmd("U0ADMIN", "alerts critical <#C0CRIT|crit>");
    const shown = await cmd("U0ADMIN", "alerts");
    expect(shown).toContain("warning <#C0WARN>");
    expect(shown).toContain("critical <#C0CRIT>");
    await post(DATA.slice(0, 2));
    // 45,000.50 → 29,250.33: −35%, past the 30% critical threshold.
    expect(
      (await post([row("2026-11-28", "app", 6000, 110, 120, 20250.33), row("2026-11-28", "web", 4000, 60, 65, 9000)]))
        .json,
    ).toMatchObject({ alerts: 1 });
    await settle();
    const critical = h.fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "C0CRIT");
    expect(critical).toHaveLength(1);
    expect(String(critical[0]!.args.text)).toContain("critical");
    expect(h.fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "C0WARN")).toHaveLength(0);

    // Snooze: the card says until when; the alert is snoozed; a second press is told.
    const alert = await h.bot.deps.db.metricAlert.findFirstOrThrow({ where: { date: "2026-11-28" } });
    await interaction(
      h.baseUrl,
      blockAction({
        user: "U0ADMIN",
        channel: "C0CRIT",
        messageTs: "1",
        actionId: "metrics_alert_snooze",
        value: alert.id,
        responseUrl: h.fake.responseUrl("sz"),
      }),
    );
    await until(() => h.fake.callsOf("chat.update").find((u) => JSON.stringify(u.args.blocks).includes("<@U0ADMIN>")));
    expect((await h.bot.deps.db.metricAlert.findUniqueOrThrow({ where: { id: alert.id } })).status).toBe("snoozed");
    expect(
      await h.bot.deps.db.metricSetting.findUnique({ where: { key: `snooze:shop1:${alert.metric}` } }),
    ).not.toBeNull();
    await interaction(
      h.baseUrl,
      blockAction({
        user: "U0BOSS",
        channel: "C0CRIT",
        messageTs: "1",
        actionId: "metrics_alert_ack",
        value: alert.id,
        responseUrl: h.fake.responseUrl("late"),
      }),
    );
    expect(String((await until(() => h.fake.responses.find((r) => r.id === "late"))).body.text)).toContain(
      "snoozed this alert a moment before you",
    );

    // A DM digest, then digest off: the subscription and its planned send are gone.
    expect(await cmd("U0ADMIN", "digest me shop1 daily 08:00")).toContain("at 08:00");
    const subId = (await h.bot.deps.db.digestSubscription.findFirstOrThrow()).id;
    expect(await h.bot.deps.db.timer.count({ where: { ownerId: `metrics:digest:${subId}`, status: "pending" } })).toBe(
      1,
    );
    expect(await cmd("U0ADMIN", "digest off me shop1")).toContain("No more digests of shop1");
    expect(await h.bot.deps.db.digestSubscription.count()).toBe(0);
    expect(await h.bot.deps.db.timer.count({ where: { ownerId: `metrics:digest:${subId}`, status: "pending" } })).toBe(
      0,
    );
  });

  it("the dynamic rule: GMV outside the same weekday's normal band raises a notice to the notice channel", async () => {
    clock = new FixedClock("2026-11-29T02:00:00Z");
    h = await startHarness({
      clock,
      env: { METRICS_WEBHOOK_TOKEN: TOKEN, ADMIN_USER_IDS: "U0ADMIN", DEFAULT_LOCALE: "en" },
    });
    h.fake.users.set("U0ADMIN", { locale: "en-US", tz: "Asia/Shanghai" });
    await cmd("U0ADMIN", "alerts notice <#C0NOTE|note>");
    // Four Fridays before 11-27 around ¥10,100 (σ ≈ ¥224), and the Thursday before at ¥12,000.
    const history = [
      row("2026-10-30", "app", 5000, 100, 100, 10200),
      row("2026-11-06", "app", 5000, 100, 100, 9800),
      row("2026-11-13", "app", 5000, 100, 100, 10400),
      row("2026-11-20", "app", 5000, 100, 100, 10000),
      row("2026-11-26", "app", 5000, 100, 100, 12000),
    ];
    expect((await post(history)).json).toMatchObject({ alerts: 0 });
    // ¥11,500: 4% under the day before (no static alert), but 13.9% over the Fridays' mean, past 2σ.
    expect((await post([row("2026-11-27", "app", 5000, 100, 100, 11500)])).json).toMatchObject({ alerts: 1 });
    await settle();
    const notices = h.fake
      .callsOf("chat.postMessage")
      .filter((c) => c.args.channel === "C0NOTE")
      .map((c) => String(c.args.text));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain("outside the normal band of the same weekday (mean ¥10,100.00");
    expect((await h.bot.deps.db.metricAlert.findFirstOrThrow({ where: { date: "2026-11-27" } })).rule).toBe("dynamic");
  });

  it("makes a day of a shop that only sends hours: summed for the digest, replaced by a daily row, not alerted on while it lasts", async () => {
    clock = new FixedClock("2026-11-27T20:00:00Z");
    h = await startHarness({
      clock,
      env: { METRICS_WEBHOOK_TOKEN: TOKEN, ADMIN_USER_IDS: "U0ADMIN", DEFAULT_LOCALE: "en" },
    });
    h.fake.users.set("U0ADMIN", { locale: "en-US", tz: "Asia/Shanghai" });
    // A normal day before, then the hourly feed of the 27th: 24 hours of ¥1,000.25 each.
    expect((await post([row("2026-11-26", "app", 5000, 150, 160, 30000)])).status).toBe(200);
    const hours = (date: string, gmv: number) =>
      Array.from({ length: 24 }, (_, hour) => ({ ...row(date, "app", 100, 5, 5, gmv), hour }));
    // At 04:00 on the 28th (Shanghai) the first hours of the 28th arrive too: that day is not over.
    expect((await post([...hours("2026-11-27", 1000.25), ...hours("2026-11-28", 10).slice(0, 4)])).status).toBe(200);
    const day = (date: string) =>
      h.bot.deps.db.metricRow.findUnique({
        where: { date_hour_store_channel_sku: { date, hour: -1, store: "shop1", channel: "app", sku: "" } },
      });
    expect(await day("2026-11-27")).toMatchObject({ gmv: 24006, uv: 2400, orders: 120, fromHours: true });
    // The 28th so far is far below the 27th, but a day still going raises nothing.
    expect(await h.bot.deps.db.metricAlert.count({ where: { date: "2026-11-28" } })).toBe(0);
    clock.set("2026-11-28T01:00:00Z");
    // Said where it was typed; the digest itself comes to the DM.
    expect(await cmd("U0ADMIN", "now shop1")).toBe("Yesterday's digest for shop1 is on its way to your DM with me.");
    await settle();
    // The digest of the 27th, in the DM: the day's GMV is the sum of its 24 hours.
    expect(String(shared("D0ADMIN")[0]!.args.initial_comment)).toContain("*GMV* ¥24,006.00");
    // A daily row sent as such replaces the sum, and later hours never overwrite it.
    expect((await post([row("2026-11-27", "app", 2000, 100, 110, 25000)])).status).toBe(200);
    expect(await day("2026-11-27")).toMatchObject({ gmv: 25000, uv: 2000, fromHours: false });
    expect((await post(hours("2026-11-27", 1))).status).toBe(200);
    expect(await day("2026-11-27")).toMatchObject({ gmv: 25000, fromHours: false });
  });

  it("names each bad row of a CSV and keeps the good ones; a wrong token gets 401", async () => {
    const csv = [
      "date,store,channel,uv,buyers,orders,gmv",
      "2026-11-27,shop1,app,100,3,3,300.50",
      "2026-11-27,shop1,web,lots,1,1,10",
      "2026-11-27,shop1,mini,-5,1,1,10",
      "2026-02-30,shop1,app,100,1,1,10",
      "2026-11-26,shop1,app,100,2,2,200",
    ].join("\n");
    const b = parseCsvMetrics(new TextEncoder().encode(csv));
    expect(b.records.map((r) => [r.date, r.channel])).toEqual([
      ["2026-11-27", "app"],
      ["2026-11-26", "app"],
    ]);
    expect(b.problems).toEqual([
      { row: 3, field: "uv", message: "a whole number" },
      { row: 4, field: "uv", message: "cannot be negative" },
      { row: 5, field: "date", message: "a real date as YYYY-MM-DD" },
    ]);
    clock = new FixedClock("2026-11-29T02:00:00Z");
    h = await startHarness({ clock, env: { METRICS_WEBHOOK_TOKEN: TOKEN } });
    expect((await post(DATA, "not-the-token-not-the-token")).status).toBe(401);
    const bad = await post([{ ...DATA[0], uv: -1 }]);
    expect(bad.status).toBe(400);
    expect(await h.bot.deps.db.metricRow.count()).toBe(0);
  });

  it("names the wrong part of a command and changes nothing: a time that isn't one, a bad month or amount, a channel digest by a non-admin", async () => {
    clock = new FixedClock("2026-11-27T10:00:00Z");
    h = await startHarness({ clock, env: { ADMIN_USER_IDS: "U0ADMIN", DEFAULT_LOCALE: "en" } });
    for (const u of ["U0ADMIN", "U0STAFF"]) h.fake.users.set(u, { locale: "en-US", tz: "Asia/Shanghai" });
    expect(await cmd("U0ADMIN", "digest <#C0OPS|ops> shop1 daily 09:30")).toContain("at 09:30");
    const subscription = () =>
      h.bot.deps.db.digestSubscription.findMany({ select: { target: true, store: true, cadence: true, time: true } });
    const before = await subscription();
    expect(before).toEqual([{ target: "C0OPS", store: "shop1", cadence: "daily", time: "09:30" }]);

    expect(await cmd("U0ADMIN", "digest <#C0OPS|ops> shop1 daily 25:61")).toContain("“25:61” is not a time of day");
    expect(await cmd("U0ADMIN", "digest <#C0OPS|ops> shop1 weekly someday 09:00")).toContain(
      "“someday” is not a weekday",
    );
    expect(await subscription()).toEqual(before);

    expect(await cmd("U0ADMIN", "target shop1 2026-13 3000000")).toContain("The month “2026-13” is not valid");
    expect(await cmd("U0ADMIN", "target shop1 2026-11 abc")).toContain("The target “abc” is not an amount");
    // Two bad parts: both are named in one answer, so the person mends them in one go.
    const both = await cmd("U0ADMIN", "target shop1 2026-13 abc");
    expect(both).toContain("The month “2026-13” is not valid");
    expect(both).toContain("The target “abc” is not an amount");
    expect(await h.bot.deps.db.metricTarget.count()).toBe(0);

    const refused = await cmd("U0STAFF", "digest <#C0OPS|ops> shop1 daily 08:00");
    expect(refused).toContain("Only a workspace admin or owner can send a digest into a channel");
    expect(refused).toContain("/metrics digest me shop1");
    expect(await subscription()).toEqual(before);
  });
});

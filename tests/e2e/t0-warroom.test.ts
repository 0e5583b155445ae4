// Double 11 day on an injected clock: hourly rows arrive through the metrics webhook, the war-room
// card is posted at T0 00:00 and edited in place, a two-hour shortfall raises one warning, and the
// card says when the data stops.
import { pngSize } from "../../src/infra/chart.ts";
import { afterEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import { runAt, settle, startHarness, until, type Harness } from "../support/harness.ts";
import { slashCommand } from "../support/signed.ts";

const TOKEN = "metrics-token-0123456789abcdef";
const PROMO = "C0PROMO";
const hourRow = (date: string, hour: number, gmv: number, uv = 10_000, buyers = 300) => ({
  date,
  hour,
  store: "shop1",
  channel: "app",
  uv,
  buyers,
  orders: buyers,
  gmv,
});

describe("the T0 war room", () => {
  let h: Harness;
  afterEach(() => h.stop());

  const post = (rows: unknown[]) =>
    fetch(`${h.baseUrl}/webhooks/metrics`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(rows),
    }).then((r) => r.status);
  const promo = async (user: string, text: string) => {
    const id = `p${Math.random()}`;
    await slashCommand(h.baseUrl, {
      command: "/promo",
      text,
      user_id: user,
      channel_id: PROMO,
      response_url: h.fake.responseUrl(id),
    });
    return String((await until(() => h.fake.responses.find((r) => r.id === id))).body.text);
  };
  const cardPosts = () =>
    h.fake
      .callsOf("chat.postMessage")
      .filter((m) => m.args.channel === PROMO && String(m.args.text).includes("T0 war room"));
  const cardText = (call: { args: Record<string, unknown> }) => JSON.stringify(call.args.blocks);

  it("posts the card at T0 00:00, edits it in place every interval with figures that match a hand calculation, warns once on a two-hour shortfall, and says when data stops", async () => {
    const clock = new FixedClock("2026-11-10T08:00:00Z");
    h = await startHarness({
      clock,
      env: { METRICS_WEBHOOK_TOKEN: TOKEN, ADMIN_USER_IDS: "U0LEAD", DEFAULT_LOCALE: "en" },
    });
    h.fake.users.set("U0LEAD", { locale: "en-US", tz: "Asia/Shanghai" });
    // Last year's Double 11, as the database has it, and its hourly rows: 40k an hour to noon, 60k after.
    await h.bot.deps.db.campaign.create({
      data: {
        number: 900,
        name: "双11 2025",
        kind: "double11",
        eventDate: "2025-11-11",
        timeZone: "Asia/Shanghai",
        channelId: PROMO,
        ownerId: "U0LEAD",
        templateId: "none",
        createdAt: new Date("2025-10-01T00:00:00Z"),
      },
    });
    expect(
      await post(Array.from({ length: 24 }, (_, hr) => hourRow("2025-11-11", hr, hr < 12 ? 40_000 : 60_000))),
    ).toBe(200);

    await promo("U0LEAD", `new 双11 2026 2026-11-11 <#${PROMO}|promo>`);
    const c = await until(() => h.bot.deps.db.campaign.findFirst({ where: { name: "双11 2026" } }));
    expect(await promo("U0LEAD", `warroom ${c.number} plan 3000000`)).toContain("¥3,000,000");
    await settle(h);

    // The day before T0 nothing is posted; at 00:00 Shanghai (16:00 UTC) the card appears.
    await runAt(h, clock, "2026-11-10T15:50:00Z");
    expect(cardPosts()).toHaveLength(0);
    await runAt(h, clock, "2026-11-10T16:00:00Z");
    expect(cardPosts()).toHaveLength(1);
    expect(cardText(cardPosts()[0]!)).toContain("No hourly data for today yet");
    // The footer speaks the channel's language: "refreshes every 10 min", not "10m".
    expect(cardText(cardPosts()[0]!)).toContain("refreshes every 10 min");
    const ts = (
      await until(() =>
        h.fake
          .callsOf("chat.postMessage")
          .find((m) => m.args.channel === PROMO && String(m.args.text).includes("T0 war room")),
      )
    ).args;

    // Plan: 3,000,000 shaped like last year's day: 100,000 an hour to noon, 150,000 after.
    // Hours 0–9 on plan, 10 at 65,000 (35% under), 11 at 60,000 (40% under): two hours running.
    const gmvOf = (hr: number) => (hr < 10 ? 100_000 : hr === 10 ? 65_000 : hr === 11 ? 60_000 : 150_000);
    for (let hr = 0; hr <= 12; hr++) {
      expect(await post([hourRow("2026-11-11", hr, gmvOf(hr), 10_000 + hr * 100, 300)])).toBe(200);
      // The row of hour hr arrives at hr+1:05 Shanghai.
      await runAt(h, clock, new Date(Date.parse("2026-11-10T16:05:00Z") + (hr + 1) * 3_600_000).toISOString());
      if (hr === 11) {
        const updates = h.fake
          .callsOf("chat.update")
          .filter((u) => u.args.channel === PROMO && String(u.args.text).includes("T0 war room"));
        const card = cardText(updates.at(-1)!);
        // By hand, to 12:00: 10×100,000 + 65,000 + 60,000 = 1,125,000; plan 12×100,000 = 1,200,000
        // (93.8%); day plan 3,000,000 (37.5%); last year to 12:00 12×40,000 = 480,000 (+134.4%).
        expect(card).toContain(
          "*GMV so far* ¥1,125,000 · plan to 12:00 ¥1,200,000 (93.8%) · day plan ¥3,000,000 (37.5%)",
        );
        expect(card).toContain("vs 双11 2025 (2025-11-11) to 12:00: ¥480,000 (+134.4%)");
        // Last hour 11:00–12:00: UV 11,100 (+0.9% on 11,000), conversion 300/11,100 = 2.703%, against
        // 300/11,000 = 2.727% the hour before: −0.0246 points.
        expect(card).toContain("*Last hour* 11:00–12:00: UV 11,100 (+0.9%) · conversion 2.7% (−0.02 pt)");
        expect(card).toContain("*Top channels* app ¥1,125,000");
        expect(card).toContain("🟠 warning");
        // The hourly curve is a picture: a PNG uploaded for the card alone (shared nowhere), shown
        // by its Slack file id; each redraw shows a new one.
        const image = (updates.at(-1)!.args.blocks as { type: string; slack_file?: { id: string } }[]).find(
          (b) => b.type === "image",
        )!;
        const file = h.fake.ws.files.get(image.slack_file!.id)!;
        expect(file.mimetype).toBe("image/png");
        expect(pngSize(file.bytes)).toEqual({ width: 960, height: 360 });
        const earlier = (updates.at(-2)!.args.blocks as { type: string; slack_file?: { id: string } }[]).find(
          (b) => b.type === "image",
        )!;
        expect(earlier.slack_file!.id).not.toBe(image.slack_file!.id);
        expect(h.fake.ws.messages.some((m) => m.files?.some((f) => f.id === file.id))).toBe(false);
      }
    }
    // One card, edited in place: every edit targets the first post's ts.
    expect(cardPosts()).toHaveLength(1);
    const postedTs = (
      await h.bot.deps.db.outboxMessage.findFirstOrThrow({
        where: { id: (await h.bot.deps.db.warRoom.findFirstOrThrow()).messageId! },
      })
    ).ts;
    const edits = h.fake
      .callsOf("chat.update")
      .filter((u) => u.args.channel === PROMO && String(u.args.text).includes("T0 war room"));
    expect(edits.length).toBeGreaterThanOrEqual(13);
    expect(new Set(edits.map((e) => e.args.ts))).toEqual(new Set([postedTs]));
    expect(ts.channel).toBe(PROMO);

    // The shortfall: one notice (hour 10 alone) and one warning (10 and 11), each once, naming the promotion.
    const alerts = await h.bot.deps.db.metricAlert.findMany({ where: { rule: "t0.gmv_under_plan" } });
    expect(alerts.map((a) => a.level).sort()).toEqual(["notice", "warning"]);
    // The warning, in the channel and in the DM, goes before news queued there (priority 1, urgent);
    // the notice takes its turn (2, news).
    for (const a of alerts) {
      const rows = await h.bot.deps.db.outboxMessage.findMany({
        where: { dedupeKey: { startsWith: `t0:alert:${a.id}` } },
      });
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect(new Set(rows.map((m) => m.priority))).toEqual(new Set([a.level === "warning" ? 1 : 2]));
    }
    const warnings = h.fake
      .callsOf("chat.postMessage")
      .filter((m) => m.args.channel === PROMO && String(m.args.text).includes("🟠"));
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]!.args.text)).toBe(
      "🟠 warning *双11 2026* (#1) · shop1: GMV under plan: 10:00–11:00 ¥65,000 vs plan ¥100,000 (35.0% under); 11:00–12:00 ¥60,000 vs plan ¥100,000 (40.0% under)",
    );
    // The on-duty owner is told in a DM too.
    expect(
      h.fake
        .callsOf("chat.postMessage")
        .some((m) => m.args.channel === "U0LEAD" && String(m.args.text).startsWith("🟠")),
    ).toBe(true);

    // Rows stop after hour 12 (arrived 13:05). Hour 13's row is due at 14:00; at 14:15 the card
    // still shows current figures, past 14:20 (two 10-minute intervals) it says they are stale.
    await runAt(h, clock, "2026-11-11T06:15:00Z");
    expect(
      cardText(
        h.fake
          .callsOf("chat.update")
          .filter((u) => u.args.channel === PROMO && String(u.args.text).includes("T0 war room"))
          .at(-1)!,
      ),
    ).not.toContain("stale");
    await runAt(h, clock, "2026-11-11T06:35:00Z");
    const last = cardText(
      h.fake
        .callsOf("chat.update")
        .filter((u) => u.args.channel === PROMO && String(u.args.text).includes("T0 war room"))
        .at(-1)!,
    );
    expect(last).toContain("*Data is stale*: no hourly rows since 13:00. The figures below are as of 13:00, not now.");
    expect(await h.bot.deps.db.metricAlert.count({ where: { rule: "t0.gmv_under_plan", level: "warning" } })).toBe(1);

    // After the day, the card's last edit says T0 ended; nothing is edited after that.
    await runAt(h, clock, "2026-11-11T16:05:00Z");
    const ended = h.fake
      .callsOf("chat.update")
      .filter((u) => u.args.channel === PROMO && String(u.args.text).includes("T0 war room"));
    expect(cardText(ended.at(-1)!)).toContain("T0 ended");
    await runAt(h, clock, "2026-11-11T17:05:00Z");
    expect(
      h.fake
        .callsOf("chat.update")
        .filter((u) => u.args.channel === PROMO && String(u.args.text).includes("T0 war room")),
    ).toHaveLength(ended.length);

    // The minute tick leaves a timer row a minute; on the hour, those over a day old are removed.
    const old = { ownerId: "cron:promo.t0", status: "done", finishedAt: { lt: new Date("2026-11-11T18:00:00Z") } };
    expect(await h.bot.deps.db.timer.count({ where: old })).toBeGreaterThan(10);
    await runAt(h, clock, "2026-11-12T18:00:00Z");
    expect(await h.bot.deps.db.timer.count({ where: old })).toBe(0);
  });

  it("two promotions on one store and day each hear of the dip, on their own card and in their own channel", async () => {
    const clock = new FixedClock("2026-11-10T08:00:00Z");
    h = await startHarness({
      clock,
      env: { METRICS_WEBHOOK_TOKEN: TOKEN, ADMIN_USER_IDS: "U0LEAD", DEFAULT_LOCALE: "en" },
    });
    h.fake.users.set("U0LEAD", { locale: "en-US", tz: "Asia/Shanghai" });
    await promo("U0LEAD", `new 双11 2026 2026-11-11 <#${PROMO}|promo>`);
    // Owned by another lead: each owner's DMs go at Slack's pace on the frozen clock.
    h.fake.users.set("U0LIVE", { locale: "en-US", tz: "Asia/Shanghai" });
    await promo("U0LIVE", `new 双11 直播 2026-11-11 <#C0LIVE|live>`);
    const both = await until(async () => {
      const cs = await h.bot.deps.db.campaign.findMany({ orderBy: { number: "asc" } });
      return cs.length === 2 ? cs : undefined;
    });
    for (const c of both) expect(await promo(c.ownerId, `warroom ${c.number} plan 2400000`)).toContain("¥2,400,000");
    await settle(h);
    const pending = () => h.bot.deps.db.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } });
    // 10:00 and 11:00 come in at 60,000, well under the plan.
    for (let hr = 0; hr <= 11; hr++) {
      expect(await post([hourRow("2026-11-11", hr, hr < 10 ? 100_000 : 60_000)])).toBe(200);
      const at = Date.parse("2026-11-10T16:05:00Z") + (hr + 1) * 3_600_000;
      clock.set(new Date(at).toISOString());
      await h.bot.scheduler.runDue();
      // Two rooms' cards and alerts share lanes (the channels, the DMs) that go a message a second:
      // the frozen clock is moved on a second at a time until everything has gone.
      for (let s = 1; (await pending()) > 0; s++) {
        expect(s).toBeLessThan(120);
        clock.set(new Date(at + s * 1000).toISOString());
        h.bot.sender.kick();
        await h.bot.sender.drain();
      }
    }
    // The day plan is shaped by the day's hours (no earlier event): 10:00 and 11:00 at 60,000 are
    // a notice, then a critical shortfall, for each promotion.
    const alerts = await h.bot.deps.db.metricAlert.findMany({ where: { rule: "t0.gmv_under_plan" } });
    for (const c of both)
      expect(
        alerts
          .filter((x) => x.scope === c.id)
          .map((x) => x.level)
          .sort(),
        c.name,
      ).toEqual(["critical", "notice"]);
    for (const channel of [PROMO, "C0LIVE"]) {
      const posted = h.fake
        .callsOf("chat.postMessage")
        .filter((m) => m.args.channel === channel && String(m.args.text).includes("GMV under plan"));
      expect(posted, channel).toHaveLength(2);
    }
  });
});

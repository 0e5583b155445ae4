import { afterEach, describe, expect, it } from "vitest";
import { firstTable } from "../support/table-cells.ts";
import { FixedClock } from "../../src/infra/clock.ts";
import { ingestReviews } from "../../src/features/reviews/ingest.ts";
import { runAt as runAtAll, startHarness, type Harness, until } from "../support/harness.ts";
import { slashCommand } from "../support/signed.ts";

describe("the daily review briefing", () => {
  let h: Harness;
  let clock: FixedClock;
  afterEach(() => h.stop());

  const cmd = async (text: string) => {
    const id = `r${Math.random()}`;
    await slashCommand(h.baseUrl, {
      command: "/reviews",
      text,
      user_id: "U0ADMIN",
      response_url: h.fake.responseUrl(id),
    });
    return String((await until(() => h.fake.responses.find((r) => r.id === id))).body.text);
  };
  const briefings = () =>
    h.fake
      .callsOf("chat.postMessage")
      .filter((c) => c.args.channel === "C0BRIEF")
      .map((c) => String(c.args.text));
  const runAt = (iso: string) => runAtAll(h, clock, iso);

  it("goes out at 09:00 team time once per day per subscription, across a restart, with numbers worked out by hand", async () => {
    clock = new FixedClock("2026-11-27T10:00:00Z");
    // Channel messages speak the workspace language; this workspace's is English.
    h = await startHarness({ clock, env: { ADMIN_USER_IDS: "U0ADMIN", DEFAULT_LOCALE: "en" } });
    h.fake.users.set("U0ADMIN", { locale: "en-US", tz: "Asia/Shanghai" });
    expect(await cmd("briefing <#C0BRIEF|brief> 09:00")).toContain("09:00 (Asia/Shanghai)");
    expect(await cmd("route logistics <@U0LOGI|logi>")).toContain("<@U0LOGI>");
    expect(await cmd("briefing at noon")).toContain("/reviews briefing #channel 09:00");
    const r = (id: string, sku: string, rating: number, text: string, time: string) => ({
      platform: "tmall",
      reviewId: id,
      orderId: null,
      sku,
      rating,
      text,
      reviewedAt: new Date(time),
    });
    await ingestReviews(h.bot.deps, [
      r("A", "S1", 1, "物流慢", "2026-11-27T01:00:00Z"),
      r("B", "S1", 2, "质量差", "2026-11-27T02:00:00Z"),
      r("C", "S2", 5, "很好", "2026-11-27T03:00:00Z"),
      r("D", "S2", 1, "发货慢，态度差", "2026-11-27T15:59:00Z"), // 23:59 in Shanghai: still the 27th
      r("E", "S3", 1, "物流慢", "2026-11-26T05:00:00Z"),
      r("F", "S3", 5, "好", "2026-11-26T06:00:00Z"),
      r("X", "S9", 1, "质量差", "2026-11-27T16:00:00Z"), // 00:00 on the 28th: not in the 27th's briefing
    ]);

    await runAt("2026-11-28T00:59:00Z");
    expect(briefings()).toHaveLength(0);
    await runAt("2026-11-28T01:00:00Z"); // 09:00 in Shanghai
    expect(briefings()).toHaveLength(1);
    const b = briefings()[0]!;
    // Day: 4 reviews, 3 negative = 75.0%; day before 1 of 2 = 50.0%; the 7 days before: 1 of 2.
    expect(b).toContain("Review briefing 2026-11-27");
    expect(b).toContain("Reviews *4* · negative *3* · negative rate *75.0%* (day before 50.0%, 7-day average 50.0%)");
    // Logistics: A and D of 3 negatives = 66.7%; the day before it was 1 of 1 = 100% → -33.3pp.
    expect(b).toContain("Logistics delay: 2 (66.7%; -33.3pp vs day before, -33.3pp vs 7-day average) → <@U0LOGI>");
    expect(b).toContain("Product quality: 1 (33.3%; +33.3pp vs day before, +33.3pp vs 7-day average)");
    expect(b).toContain("Service attitude: 1 (33.3%");
    expect(b).toContain("S1 ×2 · S2 ×1");
    expect(b).not.toContain("S9");
    // The same causes as the table under the text (causes with nothing on either day left out).
    const post = h.fake.callsOf("chat.postMessage").find((c) => c.args.channel === "C0BRIEF")!;
    expect(firstTable(post.args.attachments).cells).toEqual([
      ["Cause", "Negatives", "Share", "vs day before", "vs 7-day avg"],
      ["Logistics delay", "2", "66.7%", "-33.3pp", "-33.3pp"],
      ["Product quality", "1", "33.3%", "+33.3pp", "+33.3pp"],
      ["Service attitude", "1", "33.3%", "+33.3pp", "+33.3pp"],
    ]);

    await h.restart();
    await runAt("2026-11-28T05:00:00Z");
    expect(briefings()).toHaveLength(1);
    await runAt("2026-11-29T01:00:00Z");
    expect(briefings()).toHaveLength(2);
    expect(briefings()[1]).toContain("Review briefing 2026-11-28");
    expect(briefings()[1]).toContain("Reviews *1* · negative *1*");
  });

  it('shows refunds as a tag beside the causes, and says so when "other" is the top cause', async () => {
    clock = new FixedClock("2026-11-28T02:00:00Z");
    h = await startHarness({ clock, env: { ADMIN_USER_IDS: "U0ADMIN", DEFAULT_LOCALE: "en" } });
    h.fake.users.set("U0ADMIN", { locale: "en-US", tz: "Asia/Shanghai" });
    const r = (id: string, text: string) => ({
      platform: "tmall",
      reviewId: id,
      orderId: null,
      sku: "S1",
      rating: 1,
      text,
      reviewedAt: new Date("2026-11-27T03:00:00Z"),
    });
    await ingestReviews(h.bot.deps, [
      r("R1", "我要退款"),
      r("R2", "退款！"),
      r("R3", "一般般"),
      r("R4", "杯子漏水，我要退款"),
    ]);
    expect(await cmd("briefing now")).toContain("your DM");
    const dm = await until(() => h.fake.callsOf("chat.postMessage").find((m) => m.args.channel === "U0ADMIN"));
    const text = String(dm.args.text);
    expect(text).toContain("🏷️ refund asked in 3 of them (75.0%)");
    expect(text).toContain("• Product quality: 1");
    expect(text).toContain("Most negative reviews match no known cause");
  });

  it("sends one briefing per subscription and stops when a channel unsubscribes", async () => {
    clock = new FixedClock("2026-11-27T10:00:00Z");
    h = await startHarness({ clock, env: { ADMIN_USER_IDS: "U0ADMIN" } });
    await cmd("briefing <#C0BRIEF|brief> 09:00");
    await cmd("briefing <#C0OTHER|other> 10:30");
    await runAt("2026-11-28T01:00:00Z");
    await runAt("2026-11-28T02:30:00Z");
    expect(briefings()).toHaveLength(1);
    expect(h.fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "C0OTHER")).toHaveLength(1);
    await cmd("briefing off <#C0BRIEF|brief>");
    await runAt("2026-11-29T03:00:00Z");
    expect(briefings()).toHaveLength(1);
    expect(h.fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "C0OTHER")).toHaveLength(2);
  });
});

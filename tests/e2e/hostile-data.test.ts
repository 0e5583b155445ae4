// Hostile strings from webhooks and forms through the builders that read the database: the
// metric digest and anomaly alert (store, channel and SKU names from a webhook), the review
// briefing (review text and SKUs) and the retrospective report (factors and actions typed in a form).
import { afterEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import { broadcastsIn, parsedTexts } from "../support/broadcast.ts";
import { startHarness, until, type Harness } from "../support/harness.ts";
import { viewSubmission } from "../support/payloads.ts";
import { interaction, slashCommand } from "../support/signed.ts";
import { settle } from "./campaigns-support.ts";

const H = "<!channel> <!here> <@U0BOSS> <https://evil.example|x>";
const M_TOKEN = "metrics-webhook-token-0123456789";
const R_TOKEN = "review-webhook-token-0123456789";

describe("hostile data through the database-backed messages", () => {
  let h: Harness;
  afterEach(() => h.stop());

  const cmd = async (command: string, text: string, user = "U0ADMIN") => {
    const id = `c${Math.random()}`;
    await slashCommand(h.baseUrl, {
      command,
      text,
      user_id: user,
      channel_id: "C0OPS",
      response_url: h.fake.responseUrl(id),
    });
    return String((await until(() => h.fake.responses.find((r) => r.id === id))).body.text);
  };
  const everythingShown = () => [
    ...["chat.postMessage", "chat.update", "files.completeUploadExternal"].flatMap((m) =>
      h.fake.callsOf(m).map((c) => c.args),
    ),
    ...h.fake.responses.map((r) => r.body),
  ];
  const expectInert = () => {
    const shown = everythingShown();
    expect(shown.length).toBeGreaterThanOrEqual(2);
    expect(shown.flatMap((b) => broadcastsIn(b))).toEqual([]);
    const texts = shown.flatMap((b) => parsedTexts(b)).join("\n");
    expect(texts).not.toContain("<@U0BOSS>");
    expect(texts).not.toContain("<https://evil.example");
    return texts;
  };

  it("digest, anomaly alert and review briefing escape every name that came from a webhook", async () => {
    const clock = new FixedClock("2026-11-29T02:00:00Z");
    h = await startHarness({
      clock,
      env: {
        METRICS_WEBHOOK_TOKEN: M_TOKEN,
        REVIEWS_WEBHOOK_TOKEN: R_TOKEN,
        ADMIN_USER_IDS: "U0ADMIN",
        DEFAULT_LOCALE: "en",
      },
    });
    // Slash commands split on spaces: names with one space-free hostile part each.
    const store = "shop<!channel>";
    const row = (date: string, channel: string, uv: number, buyers: number, gmv: number, sku = "") => ({
      date,
      store,
      channel,
      sku,
      uv,
      buyers,
      orders: buyers,
      gmv,
    });
    const post = (path: string, token: string, body: unknown) =>
      fetch(`${h.baseUrl}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    await cmd("/metrics", "alerts warning <#C0ALERTS|alerts>");
    await cmd("/metrics", "alerts critical <#C0ALERTS|alerts>");
    expect(
      (
        await post("/webhooks/metrics", M_TOKEN, [
          row("2026-11-27", "app<!here>", 6000, 180, 36000),
          row("2026-11-27", "web<@U0BOSS>", 4000, 60, 9000),
          row("2026-11-27", "app<!here>", 0, 0, 12000, "SKU<!everyone>"),
        ])
      ).status,
    ).toBe(200);
    // A 60% drop on the 28th, mostly in the hostile channel: a critical alert naming it.
    expect(
      (
        await post("/webhooks/metrics", M_TOKEN, [
          row("2026-11-28", "app<!here>", 6000, 40, 9000),
          row("2026-11-28", "web<@U0BOSS>", 4000, 60, 9000),
          row("2026-11-28", "app<!here>", 0, 0, 1000, "SKU<!everyone>"),
        ])
      ).status,
    ).toBe(200);
    // `now` answers with the digest itself, in the DM.
    await slashCommand(h.baseUrl, {
      command: "/metrics",
      text: `now ${store}`,
      user_id: "U0ADMIN",
      channel_id: "C0OPS",
      response_url: h.fake.responseUrl("now"),
    });
    await until(
      () =>
        h.fake
          .callsOf("files.completeUploadExternal")
          .find((c) => c.args.channel_id === "DADMIN" || String(c.args.channel_id).startsWith("D")),
      15_000,
    );
    await cmd("/reviews", "channel <#C0REVIEWS|reviews>");
    await post("/webhooks/reviews", R_TOKEN, [
      {
        platform: `tmall${H}`,
        review_id: "X1",
        sku: `SKU${H}`,
        rating: 1,
        text: `质量差 投诉 ${H}`,
        time: "2026-11-28 10:00",
      },
      { platform: "jd", review_id: "X2", sku: `SKU${H}`, rating: 2, text: `物流慢 ${H}`, time: "2026-11-28 11:00" },
    ]);
    await cmd("/reviews", "keyword add 投诉 quality critical");
    await cmd("/reviews", "route quality <@U0QA|qa>");
    await cmd("/reviews", "briefing now <#C0REVIEWS|reviews>");
    await settle(h);
    const texts = expectInert();
    expect(texts).toContain("&lt;!channel&gt;");
    // The alert, the digest and the briefing really were built (not just refused).
    expect(h.fake.callsOf("chat.postMessage").some((c) => c.args.channel === "C0ALERTS")).toBe(true);
    expect(String(h.fake.callsOf("files.completeUploadExternal")[0]?.args.initial_comment)).toContain(
      "shop&lt;!channel&gt;",
    );
    expect(
      h.fake
        .callsOf("chat.postMessage")
        .some((c) => c.args.channel === "C0REVIEWS" && String(c.args.text).includes("briefing")),
    ).toBe(true);
  });

  it("a retrospective typed with hostile factors and actions reports them escaped", async () => {
    h = await startHarness({ clock: new FixedClock("2026-11-20T04:00:00Z") });
    h.fake.users.set("U0LEAD", { locale: "zh-CN" });
    await slashCommand(h.baseUrl, {
      command: "/promo",
      text: "new 雙11 2026-11-21",
      user_id: "U0LEAD",
      channel_id: "C0P",
      response_url: h.fake.responseUrl("n"),
    });
    await until(() => h.bot.deps.db.campaign.findFirst());
    const text = (value: string) => ({ type: "plain_text_input", value });
    await interaction(
      h.baseUrl,
      viewSubmission({
        user: "U0LEAD",
        callbackId: "promo_retro",
        privateMetadata: JSON.stringify({ ref: "1" }),
        values: {
          gmv: { gmv: text("850000") },
          new_customers: { new_customers: text("1200") },
          spend: { spend: text("170000") },
          uv: { uv: text("400000") },
          buyers: { buyers: text("12000") },
          success: { success: text(H) },
          failure: { failure: text(H) },
          whys: { whys: text(`${H}\n${H}`) },
          actions: { actions: text(`${H} | ${H} | 2027-05-01 | ${H}`) },
        },
      }),
    );
    await until(() =>
      h.fake.callsOf("chat.postMessage").find((c) => c.args.channel === "C0P" && String(c.args.text).includes("📊")),
    );
    await settle(h);
    expect(expectInert()).toContain("&lt;!channel&gt;");
  });
});

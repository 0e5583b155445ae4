import { afterEach, describe, expect, it } from "vitest";
import { setUpTiers } from "./complaints-support.ts";
import { FixedClock } from "../../src/infra/clock.ts";
import { parseCsvReviews } from "../../src/features/reviews/parse-batch.ts";
import { ingestReviews } from "../../src/features/reviews/ingest.ts";
import { startHarness, until, type Harness } from "../support/harness.ts";
import { blockAction } from "../support/payloads.ts";
import { interaction, slashCommand } from "../support/signed.ts";

const TOKEN = "review-webhook-token-0123456789";

/** GBK bytes for a string, from the decoder's own table (Node has no GBK encoder). */
function gbk(s: string): Uint8Array {
  const table = new Map<string, number[]>();
  const dec = new TextDecoder("gbk");
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      const ch = dec.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  const out: number[] = [];
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...(table.get(ch) ?? [0x3f]));
  }
  return new Uint8Array(out);
}

describe("reviews coming in", () => {
  let h: Harness;
  afterEach(() => h.stop());

  const post = (body: string, token = TOKEN) =>
    fetch(`${h.baseUrl}/webhooks/reviews`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body,
    }).then(async (r) => ({ status: r.status, json: (await r.json()) as { problems?: unknown; stored?: number } }));

  it("webhook: 401 for a wrong token, 400 naming row and field, and each valid review stored once when sent twice", async () => {
    h = await startHarness({ env: { REVIEWS_WEBHOOK_TOKEN: TOKEN } });
    const batch = [
      {
        platform: "tmall",
        review_id: "R1",
        order_id: "O1",
        sku: "CUP-1",
        rating: 1,
        text: "杯子破损了",
        time: "2026-11-27 10:00",
      },
      { platform: "jd", review_id: "R2", sku: "CUP-1", rating: 5, text: "很好", time: "2026-11-27T03:00:00Z" },
    ];
    expect((await post(JSON.stringify(batch), "wrong-token-wrong-token-x")).status).toBe(401);
    const bad = await post(JSON.stringify([batch[0], { ...batch[1], rating: 9 }, { ...batch[1], review_id: "" }]));
    expect(bad.status).toBe(400);
    expect(bad.json.problems).toEqual([
      { row: 2, field: "rating", message: "a whole number from 1 to 5" },
      { row: 3, field: "review_id", message: "required" },
    ]);
    expect(await h.bot.deps.db.review.count()).toBe(0);
    const ok = await post(JSON.stringify({ reviews: batch }));
    expect(ok).toMatchObject({ status: 200, json: { stored: 2, duplicates: 0 } });
    const again = await post(batch.map((r) => JSON.stringify(r)).join("\n"));
    expect(again).toMatchObject({ status: 200, json: { stored: 0, duplicates: 2 } });
    expect(await h.bot.deps.db.review.count()).toBe(2);
    const r1 = await h.bot.deps.db.review.findFirstOrThrow({ where: { reviewId: "R1" } });
    expect(r1).toMatchObject({ negative: true, causes: '["quality"]' });
    expect(r1.reviewedAt.toISOString()).toBe("2026-11-27T02:00:00.000Z");
  });

  it("both webhooks take JSON or NDJSON only: JSON sent as text/plain gets 415 saying what to send, and nothing is stored", async () => {
    h = await startHarness({ env: { REVIEWS_WEBHOOK_TOKEN: TOKEN, METRICS_WEBHOOK_TOKEN: TOKEN } });
    const review = JSON.stringify([
      { platform: "tmall", review_id: "R9", sku: "CUP-1", rating: 1, text: "假货", time: "2026-11-27 10:00" },
    ]);
    const metric = JSON.stringify([
      { date: "2026-11-27", store: "shop1", channel: "app", uv: 10, buyers: 1, orders: 1, gmv: 100 },
    ]);
    for (const [path, body] of [
      ["/webhooks/reviews", review],
      ["/webhooks/metrics", metric],
    ] as const) {
      for (const type of ["text/plain", "application/x-www-form-urlencoded", ""]) {
        const r = await fetch(`${h.baseUrl}${path}`, {
          method: "POST",
          headers: { authorization: `Bearer ${TOKEN}`, ...(type ? { "content-type": type } : {}) },
          body: Buffer.from(body),
        });
        expect([path, type, r.status]).toEqual([path, type, 415]);
        expect(((await r.json()) as { hint: string }).hint).toContain("application/json");
      }
      const ok = await fetch(`${h.baseUrl}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json; charset=utf-8" },
        body,
      });
      expect([path, ok.status]).toEqual([path, 200]);
    }
    expect(await h.bot.deps.db.review.count()).toBe(1);
  });

  it("/reviews keyword add and remove change what new reviews hit; a non-admin is refused", async () => {
    h = await startHarness({ env: { REVIEWS_WEBHOOK_TOKEN: TOKEN, ADMIN_USER_IDS: "U0ADMIN" } });
    for (const u of ["U0ADMIN", "U0STAFF"]) h.fake.users.set(u, { locale: "en-US" });
    const reviews = async (user: string, text: string) => {
      const id = `k${Math.random()}`;
      await slashCommand(h.baseUrl, { command: "/reviews", text, user_id: user, response_url: h.fake.responseUrl(id) });
      return String((await until(() => h.fake.responses.find((r) => r.id === id))).body.text);
    };
    const review = (id: string) => ({
      platform: "jd",
      review_id: id,
      sku: "MUG-2",
      rating: 3,
      text: "杯口掉漆了",
      time: "2026-11-27 10:00",
    });
    const hitsOf = async (id: string) =>
      JSON.parse((await h.bot.deps.db.review.findFirstOrThrow({ where: { reviewId: id } })).hits) as string[];

    await post(JSON.stringify([review("K1")]));
    expect(await hitsOf("K1")).toEqual([]);
    expect(await reviews("U0STAFF", "keyword add 掉漆 quality warning")).toContain("Only");
    expect(await reviews("U0ADMIN", "keyword add 掉漆 quality warning")).toBe(
      "Keyword “掉漆” (quality, warning) saved.",
    );
    expect(await reviews("U0ADMIN", "keyword add 掉漆 nonsense warning")).toContain("Write it as");
    await post(JSON.stringify([review("K2")]));
    expect(await hitsOf("K2")).toEqual(["掉漆"]);
    expect(JSON.parse((await h.bot.deps.db.review.findFirstOrThrow({ where: { reviewId: "K2" } })).causes)).toEqual([
      "quality",
    ]);
    expect(await reviews("U0ADMIN", "keywords")).toContain("掉漆 (quality, warning)");
    expect(await reviews("U0ADMIN", "keyword remove 掉漆")).toBe("Keyword “掉漆” removed.");
    expect(await reviews("U0ADMIN", "keyword remove 掉漆")).toBe("There is no keyword “掉漆”.");
    await post(JSON.stringify([review("K3")]));
    expect(await hitsOf("K3")).toEqual([]);
  });

  it("/reviews hints lists what a review with no keyword's cause is read for; admins add, remove and reset them", async () => {
    h = await startHarness({ env: { REVIEWS_WEBHOOK_TOKEN: TOKEN, ADMIN_USER_IDS: "U0ADMIN" } });
    for (const u of ["U0ADMIN", "U0STAFF"]) h.fake.users.set(u, { locale: "en-US" });
    const reviews = async (user: string, text: string) => {
      const id = `h${Math.random()}`;
      await slashCommand(h.baseUrl, { command: "/reviews", text, user_id: user, response_url: h.fake.responseUrl(id) });
      return String((await until(() => h.fake.responses.find((r) => r.id === id))).body.text);
    };
    // A 1-star review in words no keyword has: its cause comes from the hints, or is "other".
    const causesOf = async (id: string) => {
      await post(
        JSON.stringify([
          { platform: "jd", review_id: id, sku: "TEE-1", rating: 1, text: "洗了一次就起球", time: "2026-11-27 10:00" },
        ]),
      );
      return JSON.parse((await h.bot.deps.db.review.findFirstOrThrow({ where: { reviewId: id } })).causes) as string[];
    };
    const listed = await reviews("U0STAFF", "hints");
    expect(listed).toContain("Product quality (quality): `坏|壞|破|裂|漏");
    expect(listed).toContain("Other (other): –");
    expect(await causesOf("H1")).toEqual(["other"]);
    expect(await reviews("U0STAFF", "hint add quality 起球")).toContain("Only");
    expect(await reviews("U0ADMIN", "hint add quality 起球")).toBe(
      "“起球” now reads as quality in reviews with no keyword's cause.",
    );
    expect(await reviews("U0ADMIN", "hint add quality 起球")).toBe("“起球” already reads as quality.");
    expect(await reviews("U0ADMIN", "hint add nonsense 起球")).toContain("Write it as");
    expect(await causesOf("H2")).toEqual(["quality"]);
    expect(await reviews("U0ADMIN", "hints")).toContain("`起球`");
    expect(await reviews("U0ADMIN", "hint remove quality 起球")).toBe("“起球” no longer reads as quality.");
    expect(await causesOf("H3")).toEqual(["other"]);
    // A word with pattern characters is matched as written.
    await reviews("U0ADMIN", "hint add logistics 3天(还)没到");
    await post(
      JSON.stringify([
        { platform: "jd", review_id: "H4", sku: "TEE-1", rating: 1, text: "下单3天(还)没到", time: "2026-11-27 10:00" },
      ]),
    );
    expect(JSON.parse((await h.bot.deps.db.review.findFirstOrThrow({ where: { reviewId: "H4" } })).causes)).toEqual([
      "logistics",
    ]);
    expect(await reviews("U0ADMIN", "hint reset")).toBe("The cause hints are the built-in list again.");
    expect(await reviews("U0ADMIN", "hints")).not.toContain("3天");
  });

  it("reads a GBK CSV with Chinese text, and names bad rows by line while keeping the good ones", async () => {
    const csv = [
      "platform,review_id,order_id,sku,rating,text,time",
      'tmall,G1,O1,CUP-1,1,"收到就坏了，要退款",2026-11-27 09:00',
      "tmall,G2,O2,CUP-2,7,还行,2026-11-27 09:30",
      'jd,G3,O3,CUP-2,4,"物流慢, 但东西不错",2026-11-27 11:00',
    ].join("\r\n");
    const parsed = parseCsvReviews(gbk(csv), "Asia/Shanghai");
    expect(parsed.reviews.map((r) => r.text)).toEqual(["收到就坏了，要退款", "物流慢, 但东西不错"]);
    expect(parsed.problems).toEqual([{ row: 3, field: "rating", message: "a whole number from 1 to 5" }]);
    const bom = parseCsvReviews(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(csv)]), "Asia/Shanghai");
    expect(bom.reviews).toHaveLength(2);
    const badHeader = parseCsvReviews(
      new TextEncoder().encode("platform,id,sku,stars,text,time\ntmall,1,A,1,x,2026-11-27"),
      "Asia/Shanghai",
    );
    expect(badHeader.reviews).toHaveLength(0);
    expect(badHeader.problems[0]).toMatchObject({ row: 1, field: "header" });
    expect(badHeader.problems[0]!.message).toContain("missing column(s): review_id, rating");

    h = await startHarness();
    expect(await ingestReviews(h.bot.deps, parsed.reviews)).toEqual({ stored: 2, duplicates: 0, critical: 0 });
    const g1 = await h.bot.deps.db.review.findFirstOrThrow({ where: { reviewId: "G1" } });
    expect(JSON.parse(g1.hits).sort()).toEqual(["坏了", "退款"]);
  });

  it("posts a critical review at once with an LSCW draft, groups more of the same SKU in the hour, and opens a complaint from the button", async () => {
    const clock = new FixedClock("2026-11-27T02:00:00Z");
    h = await startHarness({ clock, env: { REVIEWS_WEBHOOK_TOKEN: TOKEN, ADMIN_USER_IDS: "U0ADMIN" } });
    const res = await slashCommand(h.baseUrl, {
      command: "/reviews",
      text: "channel <#C0REVIEWS|reviews>",
      user_id: "U0ADMIN",
      response_url: h.fake.responseUrl("ch"),
    });
    expect(res.status).toBe(200);
    await until(() => h.fake.responses.find((r) => r.id === "ch"));
    const review = (id: string, text: string) => ({
      platform: "tmall",
      review_id: id,
      sku: "CREAM-9",
      rating: 1,
      text,
      time: "2026-11-27 09:50",
    });
    await post(JSON.stringify([review("C1", "用了过敏，脸都红了，要投诉")]));
    const alert = await until(() => h.fake.callsOf("chat.postMessage").find((c) => c.args.channel === "C0REVIEWS"));
    const blocks = JSON.stringify(alert.args.blocks);
    expect(blocks).toContain("CREAM-9");
    expect(blocks).toContain("我们真诚地向您道歉");
    clock.set("2026-11-27T02:30:00Z");
    await post(JSON.stringify([{ ...review("C2", "假货！已经打12315"), time: "2026-11-27 10:20" }]));
    const update = await until(() => h.fake.callsOf("chat.update")[0]);
    // Grouped under the reviews' own times (not "the last hour", which a backfill would make a lie).
    expect(update.args.text).toBe("🚨 SKU CREAM-9 有 2 条紧急评价，写于 11-27 09:50 至 11-27 10:20（Asia/Shanghai）");
    expect(h.fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "C0REVIEWS")).toHaveLength(1);
    clock.set("2026-11-27T04:00:00Z");
    await post(JSON.stringify([review("C3", "English: I had an allergic reaction")]));
    await until(() => h.fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "C0REVIEWS").length === 2);
    const english = h.fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "C0REVIEWS")[1]!;
    expect(JSON.stringify(english.args.blocks)).toContain("We are sorry");
    // The card speaks the channel's language (the workspace's Chinese); the draft is labelled with its own.
    expect(JSON.stringify(english.args.blocks)).toContain("(English)");
    expect(JSON.stringify(alert.args.blocks)).toContain("(简体中文)");

    const r = await h.bot.deps.db.review.findFirstOrThrow({ where: { reviewId: "C1" } });
    // A case can only be opened once the complaint tiers exist (otherwise the person is told so).
    await setUpTiers(h);
    await interaction(
      h.baseUrl,
      blockAction({
        user: "U0AGENT",
        channel: "C0REVIEWS",
        messageTs: "1",
        actionId: `reviews_open_case_${r.id}`,
        value: r.id,
        responseUrl: h.fake.responseUrl("oc"),
      }),
    );
    const modal = await until(() => h.fake.callsOf("views.open")[0]);
    expect(JSON.stringify(modal.args.view)).toContain("用了过敏");
    expect((modal.args.view as { callback_id: string }).callback_id).toBe("complaint_create");
  });
});

describe("importing a file shared in Slack", () => {
  let h: Harness;
  afterEach(() => h.stop());

  it("downloads the file of the message with the bot token and reports good and bad rows", async () => {
    h = await startHarness();
    h.fake.users.set("U0OPS", { locale: "en-US" });
    const csv =
      "platform,review_id,sku,rating,text,time\ntmall,S1,A,1,杯子破损,2026-11-27 10:00\ntmall,S2,A,9,ok,2026-11-27 10:00\n";
    h.fake.shared.set("F0REVIEWS1", Buffer.from(csv));
    h.fake.sharedNames.set("F0REVIEWS1", "reviews.csv");
    const { messageShortcut } = await import("../support/payloads.ts");
    const files = [
      { id: "F0REVIEWS1", name: "reviews.csv", url_private_download: h.fake.fileUrl("F0REVIEWS1"), size: csv.length },
    ];
    await interaction(
      h.baseUrl,
      messageShortcut({
        callbackId: "reviews_import_file",
        user: "U0OPS",
        channel: "C0DATA",
        responseUrl: h.fake.responseUrl("imp"),
        message: { ts: "1.2", text: "", files },
      }),
    );
    const reply = String((await until(() => h.fake.responses.find((r) => r.id === "imp"))).body.text);
    expect(reply).toContain("Imported 1 review, 0 already known, 1 bad row.");
    expect(reply).toContain("line 3: rating");
    expect(await h.bot.deps.db.review.count()).toBe(1);
    await interaction(
      h.baseUrl,
      messageShortcut({
        callbackId: "reviews_import_file",
        user: "U0OPS",
        channel: "C0DATA",
        responseUrl: h.fake.responseUrl("none"),
        message: { ts: "1.3", text: "no file here" },
      }),
    );
    expect(String((await until(() => h.fake.responses.find((r) => r.id === "none"))).body.text)).toContain(
      "has no CSV or JSON file",
    );
  });

  it("Import metrics on a message with a CSV: good rows stored, a bad one named by line", async () => {
    h = await startHarness();
    h.fake.users.set("U0OPS", { locale: "en-US" });
    const csv =
      "date,store,channel,uv,buyers,orders,gmv\n2026-11-27,shop1,app,1000,30,32,6000.50\n2026-11-27,shop1,web,lots,1,1,10\n2026-11-26,shop1,app,900,27,28,5400\n";
    h.fake.shared.set("F0METRICS1", Buffer.from(csv));
    h.fake.sharedNames.set("F0METRICS1", "day.csv");
    const { messageShortcut } = await import("../support/payloads.ts");
    const files = [
      { id: "F0METRICS1", name: "day.csv", url_private_download: h.fake.fileUrl("F0METRICS1"), size: csv.length },
    ];
    await interaction(
      h.baseUrl,
      messageShortcut({
        callbackId: "metrics_import_file",
        user: "U0OPS",
        channel: "C0DATA",
        responseUrl: h.fake.responseUrl("mi"),
        message: { ts: "1.4", text: "", files },
      }),
    );
    const reply = String((await until(() => h.fake.responses.find((r) => r.id === "mi"))).body.text);
    expect(reply).toContain("Imported 2 new rows and replaced 0 rows; 0 alerts; 1 bad row.");
    expect(reply).toContain("line 3: uv");
    expect(await h.bot.deps.db.metricRow.count()).toBe(2);
  });

  it("one NDJSON import of 1,200 critical reviews answers 200 and raises an alert for each SKU", async () => {
    // More ids than a database takes in one statement's parameters (SQLite: 999).
    h = await startHarness({ env: { REVIEWS_WEBHOOK_TOKEN: TOKEN, ADMIN_USER_IDS: "U0ADMIN" } });
    await slashCommand(h.baseUrl, {
      command: "/reviews",
      text: "channel <#C0REVIEWS|reviews>",
      user_id: "U0ADMIN",
      channel_id: "C1",
      response_url: h.fake.responseUrl("channel"),
    });
    await until(() => h.bot.deps.db.reviewSetting.findFirst({ where: { key: "alertChannel" } }));
    const at = h.bot.deps.clock.now().toISOString();
    const lines = Array.from({ length: 1200 }, (_, i) =>
      JSON.stringify({
        platform: "tmall",
        review_id: `R${i}`,
        sku: `SKU-${i % 600}`,
        rating: 1,
        text: `收到就坏了，要投诉 ${i}`,
        time: at,
      }),
    );
    const r = await fetch(`${h.baseUrl}/webhooks/reviews`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" },
      body: lines.join("\n"),
    });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ stored: 1200, critical: 1200 });
    // Two reviews of each of 600 SKUs: one alert per SKU, holding both.
    const alerts = await h.bot.deps.db.reviewAlert.findMany();
    expect(alerts).toHaveLength(600);
    expect(alerts.every((a) => (JSON.parse(a.reviewIds) as string[]).length === 2)).toBe(true);
  }, 60_000);
});

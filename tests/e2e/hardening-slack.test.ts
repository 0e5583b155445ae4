// Hostile and repeated Slack input (hardening issue, points 1, 2, 5, 6, 12, 13, 15).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import { broadcastsIn, userMentionsIn } from "../support/broadcast.ts";
import { startHarness, until, type Harness } from "../support/harness.ts";
import { messageShortcut, viewSubmission, complaintValues } from "../support/payloads.ts";
import { interaction, postSigned, slashCommand } from "../support/signed.ts";
import { checklistPosts, promoReply, settle } from "./campaigns-support.ts";
import { setUpTiers } from "./complaints-support.ts";

const HOSTILE = "<!channel> <!here|here> <!everyone> <@U0BOSS> <https://evil.example|click> & <#C0SECRET>";

describe("the bot token stays with Slack", () => {
  let h: Harness;
  let evil: Server;
  let evilHits: { url?: string; auth?: string }[];
  afterEach(async () => {
    await h.stop();
    await new Promise<void>((r) => evil.close(() => r()));
  });

  async function start() {
    evilHits = [];
    evil = createServer((req, res) => {
      evilHits.push({ url: req.url, auth: req.headers.authorization });
      res.writeHead(200).end("platform,review_id,sku,rating,text,time\n");
    });
    await new Promise<void>((r) => evil.listen(0, "127.0.0.1", () => r()));
    h = await startHarness();
    h.fake.users.set("U0OPS", { locale: "en-US" });
    return `http://127.0.0.1:${(evil.address() as AddressInfo).port}/x`;
  }

  it("ignores a file URL in the shortcut's payload and asks files.info; an unknown file is not fetched", async () => {
    const evilUrl = await start();
    const files = [{ id: "F0NOTREAL", name: "reviews.csv", url_private_download: evilUrl, url_private: evilUrl }];
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
    expect(reply).toContain("has no CSV or JSON file");
    expect(h.fake.callsOf("files.info")[0]?.args.file).toBe("F0NOTREAL");
    expect(evilHits).toHaveLength(0);
  });

  it("refuses to send the token when Slack's answer itself names a foreign host, and says so", async () => {
    const evilUrl = await start();
    h.fake.script("files.info", {
      ok: true,
      file: { id: "F0ODD", name: "reviews.csv", size: 10, url_private_download: evilUrl },
    });
    const files = [{ id: "F0ODD", name: "reviews.csv" }];
    await interaction(
      h.baseUrl,
      messageShortcut({
        callbackId: "metrics_import_file",
        user: "U0OPS",
        channel: "C0DATA",
        responseUrl: h.fake.responseUrl("imp2"),
        message: { ts: "1.3", text: "", files },
      }),
    );
    const reply = String((await until(() => h.fake.responses.find((r) => r.id === "imp2"))).body.text);
    expect(reply).toContain("isn't on Slack's file host");
    expect(evilHits).toHaveLength(0);
  });
});

describe("user and webhook text never pings anyone", () => {
  let h: Harness;
  afterEach(() => h.stop());

  it("a promotion named <!channel> posts its checklist with the name escaped", async () => {
    h = await startHarness({ clock: new FixedClock("2027-09-01T04:00:00Z") });
    h.fake.users.set("U0LEAD", { locale: "en-US" });
    const reply = await promoReply(h, "U0LEAD", `new ${HOSTILE} 2027-11-11`);
    expect(reply).toContain("#1");
    const post = await until(() => checklistPosts(h)[0]);
    expect(broadcastsIn(post.args)).toEqual([]);
    expect(userMentionsIn(post.args)).not.toContain("U0BOSS");
    expect(JSON.stringify(post.args)).toContain("&lt;!channel&gt;");
    expect(broadcastsIn({ text: reply })).toEqual([]);
  });

  it("a review whose SKU and text carry <!everyone> is alerted with both escaped", async () => {
    h = await startHarness({
      env: { REVIEWS_WEBHOOK_TOKEN: "review-webhook-token-0123456789", ADMIN_USER_IDS: "U0ADMIN" },
    });
    await slashCommand(h.baseUrl, {
      command: "/reviews",
      text: "channel <#C0REVIEWS|reviews>",
      user_id: "U0ADMIN",
      response_url: h.fake.responseUrl("ch"),
    });
    await until(() => h.fake.responses.find((r) => r.id === "ch"));
    const res = await fetch(`${h.baseUrl}/webhooks/reviews`, {
      method: "POST",
      headers: { authorization: "Bearer review-webhook-token-0123456789", "content-type": "application/json" },
      body: JSON.stringify([
        {
          platform: "tmall<!here>",
          review_id: "H1",
          order_id: "O<!channel>",
          sku: "SKU-<!everyone>",
          rating: 1,
          text: `投诉 假货 ${HOSTILE}`,
          time: new Date().toISOString(),
        },
      ]),
    });
    expect(res.status).toBe(200);
    const alert = await until(() => h.fake.callsOf("chat.postMessage").find((c) => c.args.channel === "C0REVIEWS"));
    expect(broadcastsIn(alert.args)).toEqual([]);
    expect(userMentionsIn(alert.args)).not.toContain("U0BOSS");
    expect(JSON.stringify(alert.args)).toContain("SKU-&lt;!everyone&gt;");
  });

  it("a complaint summary copied from a message keeps its mentions as text", async () => {
    h = await startHarness({ env: { ADMIN_USER_IDS: "U0ADMIN" } });
    await setUpTiers(h);
    const shortcut = messageShortcut({
      callbackId: "complaint_escalate",
      user: "U0AGENT",
      channel: "C0SUPPORT",
      responseUrl: h.fake.responseUrl("sc"),
      message: { ts: "1.5", text: HOSTILE },
    });
    await interaction(h.baseUrl, shortcut);
    const open = await until(() => h.fake.callsOf("views.open")[0]);
    const view = open.args.view as { private_metadata: string; callback_id: string };
    await interaction(
      h.baseUrl,
      viewSubmission({
        user: "U0AGENT",
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        values: complaintValues({
          order: "A-100",
          customer: `王<!here>`,
          cause: "quality",
          urgency: "urgent",
          summary: HOSTILE,
        }),
      }),
    );
    await until(async () => (await h.bot.deps.db.complaintCase.count()) === 1);
    await settle(h);
    const posts = [...h.fake.callsOf("chat.postMessage"), ...h.fake.callsOf("chat.update")];
    expect(posts.length).toBeGreaterThan(2);
    for (const p of posts) {
      expect(broadcastsIn(p.args)).toEqual([]);
      expect(userMentionsIn(p.args)).not.toContain("U0BOSS");
    }
  });
});

describe("Slack's retries and replays run once", () => {
  let h: Harness;
  afterEach(() => h.stop());

  it("an event retried with the same event_id (x-slack-retry-num 1 and 2) runs once", async () => {
    h = await startHarness();
    const body = JSON.stringify({
      token: "t",
      team_id: "T1",
      api_app_id: "A1",
      type: "event_callback",
      event_id: "Ev0RETRY1",
      event_time: 1,
      event: { type: "app_home_opened", user: "U1", channel: "D1", tab: "home", event_ts: "1.2" },
    });
    const { sign } = await import("../support/signed.ts");
    for (const retry of [undefined, "1", "2"]) {
      const ts = Math.floor(Date.now() / 1000);
      const headers: Record<string, string> = {
        "content-type": "application/json",
        "x-slack-request-timestamp": String(ts),
        "x-slack-signature": sign(body, ts),
      };
      if (retry) Object.assign(headers, { "x-slack-retry-num": retry, "x-slack-retry-reason": "http_timeout" });
      const r = await fetch(`${h.baseUrl}/slack/events`, { method: "POST", headers, body });
      expect(r.status).toBe(200);
    }
    await until(() => h.fake.callsOf("views.publish").length >= 1);
    await until(() => h.logs.join("").split("seen before").length === 3);
    expect(h.fake.callsOf("views.publish")).toHaveLength(1);
  });

  it("the same signed view_submission sent twice creates one complaint case; a second submission of that view too", async () => {
    h = await startHarness({ env: { ADMIN_USER_IDS: "U0ADMIN" } });
    await setUpTiers(h);
    const payload = viewSubmission({
      user: "U0AGENT",
      callbackId: "complaint_create",
      privateMetadata: "{}",
      values: complaintValues({
        order: "A-200",
        customer: "Li",
        cause: "logistics",
        urgency: "general",
        summary: "late",
      }),
    });
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const { sign } = await import("../support/signed.ts");
    const first = await postSigned(h.baseUrl, body, "application/x-www-form-urlencoded", {
      timestamp: ts,
      signature: sign(body, ts),
    });
    expect(first.status).toBe(200);
    await until(async () => (await h.bot.deps.db.complaintCase.count()) === 1);
    await settle(h);
    const again = await postSigned(h.baseUrl, body, "application/x-www-form-urlencoded", {
      timestamp: ts,
      signature: sign(body, ts),
    });
    expect(again.status).toBe(200);
    // The same view submitted once more with a fresh trigger id (as a replay tool would craft).
    const fresh = await interaction(h.baseUrl, { ...payload, trigger_id: "9.9.fresh" });
    expect(fresh.status).toBe(200);
    await until(() => h.logs.join("").includes("case already open"));
    await settle(h);
    expect(await h.bot.deps.db.complaintCase.count()).toBe(1);
  });
});

describe("who may do what", () => {
  let h: Harness;
  afterEach(() => h.stop());

  it("anyone gets the review briefing in their DM; only an admin posts it into a channel", async () => {
    h = await startHarness({ clock: new FixedClock("2026-11-28T02:00:00Z") });
    h.fake.users.set("U0ANY", { locale: "en-US" });
    await slashCommand(h.baseUrl, {
      command: "/reviews",
      text: "briefing now <#C0GENERAL|general>",
      user_id: "U0ANY",
      response_url: h.fake.responseUrl("b1"),
    });
    expect(String((await until(() => h.fake.responses.find((r) => r.id === "b1"))).body.text)).toContain(
      "Only a workspace admin or owner",
    );
    await slashCommand(h.baseUrl, {
      command: "/reviews",
      text: "briefing now",
      user_id: "U0ANY",
      response_url: h.fake.responseUrl("b2"),
    });
    expect(String((await until(() => h.fake.responses.find((r) => r.id === "b2"))).body.text)).toContain("your DM");
    await settle(h);
    const posts = h.fake.callsOf("chat.postMessage");
    expect(posts.filter((p) => p.args.channel === "C0GENERAL")).toHaveLength(0);
    expect(posts.filter((p) => p.args.channel === "U0ANY")).toHaveLength(1);
  });

  it("one admin rule everywhere: Slack's workspace admins and ADMIN_USER_IDS may, nobody else, even on a fresh install", async () => {
    h = await startHarness({ env: { ADMIN_USER_IDS: "U0LISTED" } });
    h.fake.users.set("U0WSADMIN", { locale: "en-US", isAdmin: true });
    h.fake.users.set("U0OWNER", { locale: "en-US", isOwner: true });
    h.fake.users.set("U0PLAIN", { locale: "en-US" });
    const say = async (cmd: string, text: string, user: string) => {
      const id = `${cmd}-${user}-${Math.random()}`;
      await slashCommand(h.baseUrl, { command: cmd, text, user_id: user, response_url: h.fake.responseUrl(id) });
      return String((await until(() => h.fake.responses.find((r) => r.id === id))).body.text);
    };
    const attempts: [string, string][] = [
      ["/complaint", "tier 1 <#C0T1|t1> <@U0A|a>"],
      ["/metrics", "target shop1 2026-12 1000000"],
      ["/reviews", "channel <#C0REV|rev>"],
      ["/task", "role purchasing <@U0BUY|b>"],
    ];
    for (const [cmd, text] of attempts) {
      expect(await say(cmd, text, "U0PLAIN"), `${cmd} by a plain member`).toContain("Only a workspace admin or owner");
      for (const admin of ["U0WSADMIN", "U0OWNER", "U0LISTED"])
        expect(await say(cmd, text, admin), `${cmd} by ${admin}`).not.toContain("Only a workspace admin");
    }
    expect(await h.bot.deps.db.complaintTier.count()).toBe(1);
    expect(await h.bot.deps.db.metricTarget.count()).toBe(1);
    expect(await h.bot.deps.db.roleMapping.count()).toBe(1);
  });
});

describe("a message Slack refuses for good", () => {
  let h: Harness;
  afterEach(() => h.stop());

  it("tells the person who caused it why and what to do, and /shopops status lists it", async () => {
    h = await startHarness({ clock: new FixedClock("2027-09-01T04:00:00Z") });
    h.fake.users.set("U0LEAD", { locale: "en-US" });
    h.fake.script("chat.postMessage", { error: "not_in_channel" });
    await promoReply(h, "U0LEAD", "new Spring 2027-11-11", "C0NOTMEMBER");
    const dm = await until(() =>
      h.fake
        .callsOf("chat.postMessage")
        .find((c) => c.args.channel === "U0LEAD" && String(c.args.text).includes("not_in_channel")),
    );
    expect(String(dm.args.text)).toContain("/invite @shopops");
    expect(String(dm.args.text)).toContain("<#C0NOTMEMBER>");
    await until(async () => (await h.bot.deps.db.outboxMessage.count({ where: { status: "failed" } })) === 1);
    const status = await slashCommand(h.baseUrl, {
      command: "/shopops",
      text: "status",
      user_id: "U0LEAD",
      response_url: h.fake.responseUrl("st"),
    });
    expect(status.status).toBe(200);
    const text = String(JSON.parse(status.text).text);
    expect(text).toContain("Failed messages");
    expect(text).toContain("<#C0NOTMEMBER>");
    expect(text).toContain("not_in_channel");
  });
});

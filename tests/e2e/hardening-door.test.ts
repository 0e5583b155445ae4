// The HTTP front door under hostile and clumsy requests (hardening issue, points 3, 8, 9, 11, 14).
import { Agent, request } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startHarness, until, type Harness } from "../support/harness.ts";
import { blockAction } from "../support/payloads.ts";
import { interaction, postSigned, slashCommand } from "../support/signed.ts";

describe("the front door", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({
      env: { METRICS_TOKEN: "metrics-token-0123456789", REVIEWS_WEBHOOK_TOKEN: "review-webhook-token-0123456789" },
    });
  });
  afterEach(() => h.stop());

  const healthy = async () => (await fetch(`${h.baseUrl}/healthz`)).status;

  it("answers a signed JSON body of null (or a number, a string, an array) with 400 and stays up", async () => {
    for (const body of [
      "null",
      "42",
      '"x"',
      "[]",
      "[{}]",
      "{}",
      '{"type":"event_callback"}',
      '{"type":"event_callback","event":null}',
    ]) {
      const r = await postSigned(h.baseUrl, body, "application/json");
      expect(r.status, body).toBe(400);
    }
    expect(await healthy()).toBe(200);
    expect(h.logs.join("")).toContain("refused at the door");
  });

  it("answers a slash command longer than 4,000 characters in the person's language, saying how long it may be", async () => {
    h.fake.users.set("U0EN", { locale: "en-US" });
    for (const [user, expected] of [
      ["U0EN", "That /task is 10005 characters long; a command may be at most 4000."],
      ["U0ZH", "这条 /task 命令有 10005 个字符，命令最多 4000 个字符。"],
    ] as const) {
      const r = await slashCommand(h.baseUrl, {
        command: "/task",
        text: `new ${"x".repeat(10_001)}`,
        user_id: user,
        response_url: h.fake.responseUrl(),
      });
      expect(r.status).toBe(200);
      expect((JSON.parse(r.text) as { text: string }).text).toContain(expected);
    }
    expect(await h.bot.deps.db.task.count()).toBe(0);
  });

  it("lets Slack's url_verification and ssl_check through to Bolt", async () => {
    const v = await postSigned(
      h.baseUrl,
      JSON.stringify({ type: "url_verification", challenge: "c-123", token: "t" }),
      "application/json",
    );
    expect(v.status).toBe(200);
    expect(v.text).toContain("c-123");
    // Slack's certificate check comes unsigned: it gets a 200 and nothing smuggled with it runs.
    const ssl = await fetch(`${h.baseUrl}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "ssl_check=1&token=x&command=%2Fpromo&text=new+x+2030-01-01&user_id=U1&channel_id=C1",
    });
    expect(ssl.status).toBe(200);
    expect(await ssl.text()).toBe("");
    expect(await h.bot.deps.db.campaign.count()).toBe(0);
  });

  it("answers 404 for unknown paths and 405 (with Allow) for a known path and another method", async () => {
    // A 405 says which methods the path takes (Allow); a 404 has none to offer.
    const cases: [string, string, number, string | null][] = [
      ["GET", "/", 404, null],
      ["GET", "/debug", 404, null],
      ["GET", "/.env", 404, null],
      ["GET", "/slack/events", 405, "POST"],
      ["PUT", "/webhooks/metrics", 405, "POST"],
      ["OPTIONS", "/slack/events", 405, "POST"],
      ["DELETE", "/healthz", 405, "GET"],
      ["POST", "/healthz", 405, "GET"],
      ["GET", "/webhooks/reviews/../../etc/passwd", 404, null],
    ];
    for (const [method, path, status, allow] of cases) {
      const r = await fetch(`${h.baseUrl}${path}`, { method });
      expect(r.status, `${method} ${path}`).toBe(status);
      expect(r.headers.get("allow"), `${method} ${path}`).toBe(allow);
    }
    expect((await fetch(`${h.baseUrl}/healthz`, { method: "HEAD" })).status).toBe(200);
  });

  it("acks malformed interactive payloads with 200 and does nothing", async () => {
    const base = blockAction({
      user: "U1",
      channel: "C1",
      messageTs: "1.1",
      actionId: "complaint_rate",
      selected: "x",
      responseUrl: h.fake.responseUrl("m"),
    });
    const variants: Record<string, unknown>[] = [
      { ...base, user: undefined },
      { ...base, actions: undefined },
      { ...base, actions: [] },
      { ...base, actions: [{ type: "button" }] },
      { ...base, user: { id: 42 } },
      { ...base, actions: [{ type: "static_select", action_id: "complaint_rate", selected_option: null }] },
      {
        ...base,
        actions: [{ type: "static_select", action_id: "complaint_rate", selected_option: { value: "nope:9" } }],
      },
      { ...base, actions: [{ type: "overflow", action_id: "promo_item_menu", selected_option: { value: "done:" } }] },
      { ...base, actions: [{ type: "overflow", action_id: "promo_item_menu" }] },
      { ...base, actions: [{ type: "button", action_id: "metrics_alert_snooze", value: { not: "a string" } }] },
      { ...base, actions: [{ type: "button", action_id: "metrics_alert_snooze" }] },
      { type: "view_submission", user: { id: "U1" }, view: { id: "V1", callback_id: "complaint_create", state: null } },
      {
        type: "view_submission",
        user: { id: "U1" },
        view: {
          id: "V1",
          callback_id: "promo_create",
          state: { values: { date: { date: { selected_date: "2026-02-31x" } } } },
          private_metadata: "{",
        },
      },
      {
        type: "message_action",
        user: { id: "U1" },
        callback_id: "complaint_escalate",
        trigger_id: "t",
        channel: { id: "C1" },
      },
      { type: "shortcut" },
      { type: "who_knows", user: { id: "U1" } },
    ];
    for (const v of variants) {
      const r = await interaction(h.baseUrl, v);
      expect(r.status, JSON.stringify(v).slice(0, 120)).toBeLessThan(500);
    }
    expect(await healthy()).toBe(200);
    expect(h.fake.callsOf("views.open")).toHaveLength(0);
    expect(await h.bot.deps.db.complaintCase.count()).toBe(0);
    expect(await h.bot.deps.db.campaign.count()).toBe(0);
  });

  it("closes /metrics to anyone without METRICS_TOKEN", async () => {
    expect((await fetch(`${h.baseUrl}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${h.baseUrl}/metrics`, { headers: { authorization: "Bearer wrong-token-wrong-token" } })).status,
    ).toBe(401);
    const ok = await fetch(`${h.baseUrl}/metrics`, { headers: { authorization: "Bearer metrics-token-0123456789" } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("shopops_outbox_messages");
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
  });

  it("answers a 10 MB webhook body 413 and keeps the keep-alive connection usable for the next request", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (body: Buffer | string, path = "/webhooks/reviews") =>
      new Promise<{ status: number; body: string; socket: unknown }>((resolve, reject) => {
        const req = request(
          `${h.baseUrl}${path}`,
          {
            method: "POST",
            agent,
            headers: {
              authorization: "Bearer review-webhook-token-0123456789",
              "content-type": "application/json",
              "content-length": Buffer.byteLength(body),
            },
          },
          (res) => {
            const socket = res.socket;
            let text = "";
            res.on("data", (d) => (text += d));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text, socket }));
          },
        );
        req.on("error", reject);
        req.end(body);
      });
    const big = await send(Buffer.alloc(10 * 1024 * 1024, 0x20));
    expect(big.status).toBe(413);
    const next = await send(
      JSON.stringify([
        { platform: "tmall", review_id: "K1", sku: "S", rating: 5, text: "好", time: "2026-11-27 10:00" },
      ]),
    );
    expect(next.status).toBe(200);
    // The same connection carried both requests: it was drained, not reset.
    expect(next.socket).toBe(big.socket);
    agent.destroy();
    const slackBig = await postSigned(
      h.baseUrl,
      "payload=" + "x".repeat(3 * 1024 * 1024),
      "application/x-www-form-urlencoded",
    );
    expect(slackBig.status).toBe(413);
    expect(await healthy()).toBe(200);
  });

  it("answers a Slack request without a signature 401 before reading what it says", async () => {
    const r = await fetch(`${h.baseUrl}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "null",
    });
    expect(r.status).toBe(401);
    await until(() => h.logs.join("").includes("wrong signature"));
  });
});

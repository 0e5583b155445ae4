import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startHarness, until, type Harness } from "../support/harness.ts";
import { eventCallback, slashCommand } from "../support/signed.ts";

describe("operations endpoints and App Home", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  it("serves /healthz and counts requests, acks and outbox depth in /metrics", async () => {
    const health = await fetch(`${h.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    const res = await slashCommand(h.baseUrl, {
      command: "/shopops",
      text: "help",
      user_id: "U1",
      response_url: h.fake.responseUrl("m"),
    });
    expect(JSON.parse(res.text).text).toContain("shopops");
    const { enqueueMessage } = await import("../../src/outbox/outbox.ts");
    await enqueueMessage(h.bot.deps.db, h.bot.deps.clock, { kind: "post", channel: "C1", body: { text: "hi" } });
    h.bot.sender.kick();
    await until(() => h.fake.callsOf("chat.postMessage").length === 1);
    await until(async () => (await h.bot.deps.db.outboxMessage.count({ where: { status: "sent" } })) === 1);
    const text = await (await fetch(`${h.baseUrl}/metrics`)).text();
    expect(text).toMatch(/shopops_slack_requests_total\{type="command"\} 1/);
    expect(text).toMatch(/shopops_slack_ack_seconds_count 1/);
    expect(text).toMatch(/shopops_outbox_messages\{status="sent"\} 1/);
  });

  it("publishes the Home tab with 'what needs me' in the user's language", async () => {
    h.fake.users.set("U-EN", { locale: "en-US", tz: "Europe/London" });
    const res = await eventCallback(h.baseUrl, {
      type: "app_home_opened",
      user: "U-EN",
      channel: "D1",
      tab: "home",
      event_ts: "1.2",
    });
    expect(res.status).toBe(200);
    const call = await until(() => h.fake.callsOf("views.publish")[0]);
    expect(call.args.user_id).toBe("U-EN");
    const view = call.args.view as { type: string; blocks: { text?: { text: string } }[] };
    expect(view.type).toBe("home");
    expect(JSON.stringify(view.blocks)).toContain("What needs me");
    expect(JSON.stringify(view.blocks)).toContain("Europe/London");
  });
});

// The Slack stand-in (the sandbox's Slack and the tests' fake) enforces the limits a bot meets in
// Slack: unknown channels, rate limits with Retry-After, trigger_id expiry, response_url limits.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import { issueTrigger } from "../../src/sandbox/standin/limits.ts";
import { SlackStandIn } from "../../src/sandbox/standin/standin.ts";
import { tableBlock } from "../../src/outbox/table.ts";

describe("the Slack stand-in", () => {
  let slack: SlackStandIn;
  const clock = new FixedClock(new Date("2026-11-11T01:00:00Z"));
  const call = async (method: string, args: Record<string, unknown>, token = "xoxb-t") => {
    const r = await fetch(`${slack.apiUrl}${method}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(args),
    });
    return {
      status: r.status,
      retryAfter: r.headers.get("retry-after"),
      body: (await r.json()) as Record<string, unknown>,
    };
  };

  beforeEach(async () => {
    slack = await new SlackStandIn({ strictChannels: true, channelBurst: 3 }).start();
    slack.clock = clock;
    slack.ws.channels.set("C0OPS", { id: "C0OPS", name: "ops" });
    slack.ws.people.set("U0A", { id: "U0A", name: "a", locale: "zh-CN" });
  });
  afterEach(() => slack.stop());

  it("answers channel_not_found for a channel that does not exist, and not_authed without a token", async () => {
    expect((await call("chat.postMessage", { channel: "C0NOPE", text: "hi" })).body).toEqual({
      ok: false,
      error: "channel_not_found",
    });
    expect((await call("chat.postMessage", { channel: "C0OPS", text: "hi" }, "")).body).toEqual({
      ok: false,
      error: "not_authed",
    });
    expect((await call("no.such.method", {})).body).toEqual({ ok: false, error: "unknown_method" });
  });

  it("lets a burst through, then answers 429 with Retry-After until the channel's bucket refills", async () => {
    for (let i = 0; i < 3; i++)
      expect((await call("chat.postMessage", { channel: "C0OPS", text: `m${i}` })).body.ok).toBe(true);
    const limited = await call("chat.postMessage", { channel: "C0OPS", text: "m3" });
    expect(limited.status).toBe(429);
    expect(limited.retryAfter).toBe("1");
    clock.advance(1000);
    expect((await call("chat.postMessage", { channel: "C0OPS", text: "m3" })).body.ok).toBe(true);
    expect(slack.ws.messages.filter((m) => m.channel === "C0OPS").map((m) => m.text)).toEqual(["m0", "m1", "m2", "m3"]);
  });

  it("opens one view per trigger_id, within 3 s of the person's act", async () => {
    const view = { type: "modal", title: { type: "plain_text", text: "T" }, blocks: [] };
    const fresh = slack.trigger("U0A");
    expect((await call("views.open", { trigger_id: fresh, view })).body.ok).toBe(true);
    expect((await call("views.open", { trigger_id: fresh, view })).body).toEqual({
      ok: false,
      error: "trigger_exchanged",
    });
    expect((await call("views.open", { trigger_id: issueTrigger(Date.now() - 3500), view })).body).toEqual({
      ok: false,
      error: "expired_trigger_id",
    });
    expect((await call("views.open", { trigger_id: "12345.98765.abcd", view })).body).toEqual({
      ok: false,
      error: "invalid_trigger_id",
    });
    expect(slack.ws.stackOf("U0A")).toHaveLength(1);
  });

  it("takes five posts on a response_url within 30 minutes, then refuses", async () => {
    const url = slack.responseUrl("r1", { channel: "C0OPS", user: "U0A" });
    const post = () =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: "answer" }),
      });
    for (let i = 0; i < 5; i++) expect((await post()).status).toBe(200);
    const sixth = await post();
    expect(sixth.status).toBe(404);
    expect(await sixth.text()).toBe("used_url");
    const late = slack.responseUrl("r2");
    expect((await fetch(late, { method: "POST", body: "{}" })).status).toBe(200);
    clock.advance(31 * 60_000);
    expect(await (await fetch(late, { method: "POST", body: "{}" })).text()).toBe("expired_url");
    // The five answers appear to the person who asked, and only to them.
    expect(slack.ws.messages.filter((m) => m.ephemeralFor === "U0A")).toHaveLength(5);
  });

  it("a button's response_url on an ephemeral message replaces that message for its person, as Slack's does", () => {
    const eph = slack.ws.post({
      channel: "C0OPS",
      text: "preview",
      blocks: [{ type: "actions" }],
      ephemeralFor: "U0A",
    });
    slack.showResponse({ channel: "C0OPS", user: "U0A", ts: eph.ts }, { replace_original: true, text: "imported" });
    const now = slack.ws.messages.find((m) => m.ts === eph.ts)!;
    expect(now).toMatchObject({ text: "imported", ephemeralFor: "U0A" });
    expect(now.blocks).toBeUndefined();
    // Nobody else's ephemeral message, and chat.update never reaches one.
    expect(slack.ws.update("C0OPS", eph.ts, { text: "x" })).toBeUndefined();
    expect(slack.ws.update("C0OPS", eph.ts, { text: "x" }, "U0B")).toBeUndefined();
  });

  it("takes a report's table in an attachment within Slack's limits, refuses one past them", async () => {
    const rows = Array.from({ length: 150 }, (_, i) => [`SKU-${i}`, String(i)]);
    const ours = tableBlock({ header: ["SKU", "GMV"], rows, more: (n) => `… ${n} more` });
    // 100 rows in all: the header, 98 SKUs and a last row counting the 52 left out.
    expect(ours.rows).toHaveLength(100);
    expect(ours.rows.at(-1)).toEqual([
      { type: "raw_text", text: "… 52 more" },
      { type: "raw_text", text: " " },
    ]);
    const sent = await call("chat.postMessage", {
      channel: "C0OPS",
      text: "report",
      attachments: [{ blocks: [ours] }],
    });
    expect(sent.body.ok).toBe(true);
    expect(slack.ws.messages.at(-1)?.attachments).toEqual([{ blocks: [ours] }]);
    const tooLong = { type: "table", rows: Array.from({ length: 101 }, () => [{ type: "raw_text", text: "x" }]) };
    const refused = await call("chat.postMessage", {
      channel: "C0OPS",
      text: "r",
      attachments: [{ blocks: [tooLong] }],
    });
    expect(refused.body).toEqual({ ok: false, error: "invalid_blocks" });
    const tooWide = { type: "table", rows: [Array.from({ length: 21 }, () => ({ type: "raw_text", text: "x" }))] };
    expect((await call("chat.postMessage", { channel: "C0OPS", text: "r", blocks: [tooWide] })).body.error).toBe(
      "invalid_blocks",
    );
  });
});

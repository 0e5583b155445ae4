import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { startHarness, type Harness } from "../support/harness.ts";
import { slashCommand } from "../support/signed.ts";

const manifestCommands = (
  parse(readFileSync("manifest.yml", "utf8")) as { features: { slash_commands: { command: string }[] } }
).features.slash_commands.map((c) => c.command);

describe("help command, end to end over signed HTTP", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.fake.users.set("U-ZH", { locale: "zh-CN", tz: "Asia/Shanghai" });
    h.fake.users.set("U-EN", { locale: "en-US", tz: "Europe/London" });
  });
  afterEach(() => h.stop());

  // /shopops answers in the HTTP response to the command itself (no outbox, no response_url).
  async function shopops(user: string, text: string) {
    const res = await slashCommand(h.baseUrl, {
      command: "/shopops",
      text,
      user_id: user,
      response_url: h.fake.responseUrl(`r-${user}`),
    });
    expect(res.status).toBe(200);
    return JSON.parse(res.text) as { text: string; response_type: string; blocks?: unknown[] };
  }
  async function help(user: string) {
    const started = performance.now();
    const reply = await shopops(user, "help");
    return { elapsed: performance.now() - started, reply };
  }

  it("answers a zh-CN user in Chinese with every command of the manifest", async () => {
    const { elapsed, reply } = await help("U-ZH");
    expect(elapsed).toBeLessThan(3000);
    expect(h.fake.responses).toHaveLength(0);
    expect(await h.bot.deps.db.outboxMessage.count()).toBe(0);
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toContain("我能做什么");
    for (const c of manifestCommands) expect(reply.text).toContain(c);
  });

  it("answers an en user in English", async () => {
    const { reply } = await help("U-EN");
    expect(reply.text).toContain("what I can do");
    expect(reply.text).not.toContain("我能做什么");
    for (const c of manifestCommands) expect(reply.text).toContain(c);
  });

  it("falls back to the workspace language when Slack can't tell", async () => {
    const { reply } = await help("U-UNKNOWN");
    expect(reply.text).toContain("我能做什么");
  });

  it("rejects a wrong signature and a replayed (6-minute-old) request with 401", async () => {
    const bad = await slashCommand(
      h.baseUrl,
      { command: "/shopops", text: "help", user_id: "U-EN" },
      { secret: "not-the-secret-at-all" },
    );
    expect(bad.status).toBe(401);
    const old = await slashCommand(
      h.baseUrl,
      { command: "/shopops", text: "help", user_id: "U-EN" },
      { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 },
    );
    expect(old.status).toBe(401);
    expect(h.fake.responses).toHaveLength(0);
  });

  it("answers a garbled command with how to use it, in the user's language", async () => {
    const reply = await shopops("U-EN", "fly me to the moon");
    expect(reply.text).toContain("/shopops help");
    expect(reply.response_type).toBe("ephemeral");
    const reply2 = await shopops("U-ZH", "language klingon");
    expect(reply2.text).toContain("/shopops language zh-CN");
    expect(reply2.text).toContain("请这样写");
  });

  it("lets a user choose their language, which wins over Slack's", async () => {
    const reply = await shopops("U-ZH", "language en");
    expect(reply.text).toContain("English");
    const { reply: after } = await help("U-ZH");
    expect(after.text).toContain("what I can do");
  });
});

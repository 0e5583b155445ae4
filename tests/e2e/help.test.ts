import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { startHarness, until, type Harness } from "../support/harness.ts";
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

  async function help(user: string) {
    const responseUrl = h.fake.responseUrl(`help-${user}`);
    const started = Date.now();
    const res = await slashCommand(h.baseUrl, { command: "/shopops", text: "help", user_id: user, response_url: responseUrl });
    const elapsed = Date.now() - started;
    const reply = await until(() => h.fake.responses.find((r) => r.id === `help-${user}`));
    return { res, elapsed, reply: reply.body as { text: string; response_type: string } };
  }

  it("answers a zh-CN user in Chinese with every command of the manifest", async () => {
    const { res, elapsed, reply } = await help("U-ZH");
    expect(res.status).toBe(200);
    expect(elapsed).toBeLessThan(3000);
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
    const bad = await slashCommand(h.baseUrl, { command: "/shopops", text: "help", user_id: "U-EN" }, { secret: "not-the-secret-at-all" });
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
    const url = h.fake.responseUrl("garbled");
    const res = await slashCommand(h.baseUrl, { command: "/shopops", text: "fly me to the moon", user_id: "U-EN", response_url: url });
    expect(res.status).toBe(200);
    const reply = await until(() => h.fake.responses.find((r) => r.id === "garbled"));
    expect(reply.body.text).toContain("/shopops help");
    expect(reply.body.response_type).toBe("ephemeral");
    const url2 = h.fake.responseUrl("garbled-lang");
    await slashCommand(h.baseUrl, { command: "/shopops", text: "language klingon", user_id: "U-ZH", response_url: url2 });
    const reply2 = await until(() => h.fake.responses.find((r) => r.id === "garbled-lang"));
    expect(reply2.body.text).toContain("/shopops language zh-CN");
    expect(reply2.body.text).toContain("请这样写");
  });

  it("lets a user choose their language, which wins over Slack's", async () => {
    const url = h.fake.responseUrl("lang");
    await slashCommand(h.baseUrl, { command: "/shopops", text: "language en", user_id: "U-ZH", response_url: url });
    const reply = await until(() => h.fake.responses.find((r) => r.id === "lang"));
    expect(reply.body.text).toContain("English");
    const { reply: after } = await help("U-ZH");
    expect(after.text).toContain("what I can do");
  });
});

// The sandbox takes what a person types as Slack would: the README's own examples, with a typed
// `@person` and `#channel`, reach the bot escaped (`<@U…|name>`, `<#C…|name>`) and work.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../src/sandbox/start.ts";
import { until } from "../support/harness.ts";

describe("typing in the sandbox", () => {
  let sb: Sandbox | undefined;
  afterEach(async () => sb?.stop());

  it("maps a role to a typed @person and opens a promotion in a typed #channel", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shopops-sbx-"));
    sb = await startSandbox({
      port: 0,
      host: "127.0.0.1",
      databaseUrl: `file:${join(dir, "sandbox.db")}`,
      logLevel: "silent",
    });
    const base = `http://127.0.0.1:${sb.bot.port}`;
    const command = (channel: string, text: string) =>
      fetch(`${base}/sandbox/api/command`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ as: "U0LEAD", channel, text }),
      }).then((r) => r.status);
    expect(await command("C0OPS", "/task role purchasing @David Park")).toBe(200);
    const role = await until(async () => sb!.bot.deps.db.roleMapping.findFirst({ where: { role: "purchasing" } }));
    expect(role.userId).toBe("U0MGR");
    expect(await command("C0OPS", "/promo new 双11大促 2027-11-11 #promo-double11 double11")).toBe(200);
    const promo = await until(async () => sb!.bot.deps.db.campaign.findFirst({ where: { name: "双11大促" } }));
    expect(promo.channelId).toBe("C0PROMO");
    const answers = sb.standin.ws.messages.filter((m) => m.ephemeralFor === "U0LEAD").map((m) => m.text);
    expect(answers.join("\n")).not.toMatch(/usage|用法/i);
    // /review (sandbox only) sends a customer's review through the real webhook: a critical one
    // reaches #reviews once the demo has set it as the alert channel.
    await sb.demoReady;
    expect(await command("C0REVIEWS", "/review 1 TRY-CUP-9 假货，要投诉到12315")).toBe(200);
    await until(() => sb!.standin.ws.messages.find((m) => m.channel === "C0REVIEWS" && m.text.includes("TRY-CUP-9")));
    expect(await command("C0REVIEWS", "/review 9 MUG-300 x")).toBe(400);
  }, 60_000);
});

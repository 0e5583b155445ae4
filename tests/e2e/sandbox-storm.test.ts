// The sandbox's storm demo as a new team would set it off: urgent cases opened through the form
// in a burst, then their clocks run out together. The stand-in keeps Slack's limits (a post a
// second per channel, 50 edits a minute): the tier channels show roll-ups that list every case,
// the agent gets one DM per wave, tier 2's Home counts them all, and Slack never answers 429.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../src/sandbox/start.ts";
import { until } from "../support/harness.ts";

const CASES = 40;

describe("the sandbox's storm", () => {
  let sb: Sandbox | undefined;
  afterEach(async () => sb?.stop());

  it("turns a burst of breaching cases into roll-ups that list every case, within Slack's limits", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shopops-sbx-"));
    sb = await startSandbox({
      port: 0,
      host: "127.0.0.1",
      databaseUrl: `file:${join(dir, "sandbox.db")}`,
      logLevel: "silent",
    });
    await sb.demoReady;
    const base = `http://127.0.0.1:${sb.bot.port}`;
    const before = await sb.bot.deps.db.complaintCase.count();
    const res = await fetch(`${base}/sandbox/api/storm`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ as: "U0AGENT", cases: CASES }),
    });
    expect(res.status).toBe(200);
    const ws = sb.standin.ws;
    const numbers = Array.from({ length: CASES }, (_, i) => before + i + 1);
    const listedIn = (channel: string) => {
      const seen = new Set<number>();
      for (const m of ws.messages.filter((x) => x.channel === channel)) {
        for (const hit of `${m.text}${JSON.stringify(m.blocks ?? [])}`.matchAll(/#(\d+)\b/g)) seen.add(Number(hit[1]));
      }
      return seen;
    };
    // Every case escalated to tier 2 and shown there: a card each at first, then one roll-up.
    await until(() => numbers.every((n) => listedIn("C0CS2").has(n)), 60_000);
    const tier2 = ws.messages.filter((m) => m.channel === "C0CS2" && !m.threadTs);
    expect(tier2.some((m) => /escalated here|升级到这里/.test(m.text))).toBe(true);
    expect(tier2.length).toBeLessThan(CASES / 2);
    // Tier 1's roll-up lists them too; its pages go at Slack's pace behind tier 2's news.
    await until(() => numbers.every((n) => listedIn("C0CS1").has(n)), 60_000);
    // A roll-up names the cases' owners without pinging them, by the names Slack shows, never an id.
    const rollupText = tier2.map((m) => `${m.text}${JSON.stringify(m.blocks ?? [])}`).join("\n");
    expect(rollupText).toContain("@李娜 Li Na");
    expect(rollupText).not.toMatch(/(?<![<\w])@U0[A-Z0-9]+/);
    // 陈杰 (tier 2) is called a few times, not once per case.
    const calls = ws.messages.filter((m) => m.channel === "C0CS2" && m.text.includes("<@U0SUPER>"));
    expect(calls.length).toBeLessThanOrEqual(2);
    // App Home counts them all.
    await fetch(`${base}/sandbox/api/home`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ as: "U0SUPER" }),
    });
    const home = await until(() => sb!.standin.ws.homes.get("U0SUPER"));
    expect(JSON.stringify(home)).toMatch(
      new RegExp(`(${CASES}|${CASES + 1}|${CASES + 2}) cases|共 (${CASES}|${CASES + 1}|${CASES + 2}) 个`),
    );
    expect(sb.standin.rateLimited).toEqual([]);
  }, 180_000);
});

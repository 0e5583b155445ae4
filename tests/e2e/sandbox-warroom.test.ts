// The sandbox as a newcomer tries the T0 war room: move the clock to the demo's 11 November and
// step an hour at a time; the demo shop's hourly rows arrive as the clock moves, the card in
// #promo-double11 edits itself, and the stock-out dip at 10:00–12:00 raises a warning.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../src/sandbox/start.ts";
import { until } from "../support/harness.ts";

describe("the sandbox's T0 war room", () => {
  let sb: Sandbox | undefined;
  afterEach(async () => sb?.stop());

  it("shows the war room of the demo's Double 11, fed hour by hour, with a warning at the stock-out", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shopops-sbx-"));
    sb = await startSandbox({
      port: 0,
      host: "127.0.0.1",
      databaseUrl: `file:${join(dir, "sandbox.db")}`,
      logLevel: "silent",
    });
    await sb.demoReady;
    const base = `http://127.0.0.1:${sb.bot.port}`;
    const c = await sb.bot.deps.db.campaign.findFirstOrThrow({ where: { kind: "double11" } });
    const clock = (body: Record<string, unknown>) =>
      fetch(`${base}/sandbox/api/clock`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ as: "U0LEAD", ...body }),
      }).then((r) => r.status);
    // 00:00 in Shanghai on the event day is 16:00 UTC the day before.
    const [y, m, d] = c.eventDate.split("-").map(Number) as [number, number, number];
    const midnight = Date.UTC(y, m - 1, d - 1, 16, 0);
    expect(await clock({ to: new Date(midnight).toISOString() })).toBe(200);
    const isCard = (text: string) => /T0 (作战室|war room)/.test(text);
    const card = () => sb!.standin.ws.messages.find((msg) => msg.channel === "C0PROMO" && isCard(msg.text));
    await until(card, 30_000);
    const warningNow = () =>
      sb!.bot.deps.db.metricAlert.findFirst({ where: { rule: "t0.gmv_under_plan", level: "warning" } });
    for (let hour = 1; hour <= 12; hour++) {
      expect(await clock({ shiftMs: 3_600_000 })).toBe(200);
      await until(
        async () =>
          (await sb!.bot.deps.db.warRoom.findFirstOrThrow()).refreshedAt!.getTime() >= midnight + hour * 3_600_000,
        30_000,
      );
      // The hour's rows redraw the room when they land: the dip is a notice until the second
      // hour under plan, at 12:00, as the README says. Every run, not only when a tick falls right.
      if (hour === 11) expect(await warningNow()).toBeNull();
    }
    const warning = await until(warningNow, 30_000);
    expect(warning.createdAt.getTime()).toBeGreaterThanOrEqual(midnight + 12 * 3_600_000);
    expect(warning.createdAt.getTime()).toBeLessThan(midnight + 13 * 3_600_000);
    expect(warning.date).toBe(c.eventDate);
    // The card's edits keep the channel's pace behind the day's other news: wait for the redraw.
    const shown = JSON.stringify(
      (await until(() => (/GMV so far|累计 GMV/.test(JSON.stringify(card()?.blocks)) ? card() : undefined), 60_000))
        .blocks,
    );
    expect(shown).toMatch(/GMV so far|累计 GMV/);
    expect(shown).not.toMatch(/stale|已过时/);
    expect(sb.standin.ws.messages.filter((msg) => msg.channel === "C0PROMO" && isCard(msg.text)).length).toBe(1);
  }, 180_000);
});

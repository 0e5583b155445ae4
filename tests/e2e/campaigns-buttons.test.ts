// A playbook's buttons through signed block_actions: Done from the reminder DM and from App Home,
// the T-7 go/no-go (refused while readiness items are open, then signed), and Snooze.
import { afterEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import { settle, startHarness, until, type Harness } from "../support/harness.ts";
import { blockAction } from "../support/payloads.ts";
import { interaction } from "../support/signed.ts";
import { CHANNEL, promo } from "./campaigns-support.ts";

describe("promotion buttons", () => {
  let h: Harness;
  afterEach(() => h.stop());

  const press = async (actionId: string, value: string, user = "U0LEAD") => {
    const id = `b${Math.random()}`;
    expect(
      (
        await interaction(
          h.baseUrl,
          blockAction({ user, channel: user, messageTs: "1", actionId, value, responseUrl: h.fake.responseUrl(id) }),
        )
      ).status,
    ).toBe(200);
    return id;
  };
  const answer = async (id: string) => String((await until(() => h.fake.responses.find((r) => r.id === id))).body.text);

  it("Done from a DM and from App Home, the go/no-go refused then signed, and Snooze", async () => {
    const clock = new FixedClock("2026-10-01T02:00:00Z");
    h = await startHarness({ clock });
    h.fake.users.set("U0LEAD", { locale: "en-US", tz: "Asia/Shanghai" });
    await promo(h, "U0LEAD", "new 雙11 2026-11-11");
    const c = await until(() => h.bot.deps.db.campaign.findFirst({ include: { items: true } }));
    const items = [...c.items].sort((a, b) => a.seq - b.seq);
    const status = async (id: string) => (await h.bot.deps.db.campaignItem.findUniqueOrThrow({ where: { id } })).status;

    const fromDm = await press("promo_item_done", items[0]!.id);
    await until(async () => (await status(items[0]!.id)) === "done");
    // The reminder pressed shows it at once: its words, "✅ Done", and no buttons left.
    const echo = (await until(() => h.fake.responses.find((r) => r.id === fromDm))).body;
    expect(echo).toMatchObject({ replace_original: true, text: "card" });
    expect(JSON.stringify(echo.blocks)).toContain("✅ Done");
    expect(JSON.stringify(echo.blocks)).not.toContain("promo_item_done");
    await press(`promo_item_done_home_${items[1]!.id}`, items[1]!.id);
    await until(async () => (await status(items[1]!.id)) === "done");

    // The go/no-go names what is still open, and signs once it's all done or n/a.
    const gates = items.filter((i) => i.gate);
    expect(gates.length).toBeGreaterThan(0);
    const refused = await answer(await press("promo_gate", c.id));
    expect(refused).toContain("The go/no-go can't be signed yet. Still open:");
    for (const g of gates) {
      await press("promo_item_done", g.id);
      await until(async () => (await status(g.id)) === "done");
    }
    await press("promo_gate", c.id);
    await until(async () => (await h.bot.deps.db.campaign.findUniqueOrThrow({ where: { id: c.id } })).gate !== null);
    await settle(h);
    // Noted in the checklist's thread, in the channel's language (the workspace's Chinese here).
    expect(
      h.fake
        .callsOf("chat.postMessage")
        .some((m) => m.args.channel === CHANNEL && m.args.thread_ts && String(m.args.text).startsWith("🚦 <@U0LEAD>")),
    ).toBe(true);

    // Snooze: the reminder comes back in 24 hours, as a timer of its own.
    const reminder = await h.bot.deps.db.timer.findFirstOrThrow({
      where: { key: { startsWith: "promo:" }, status: "pending", kind: "promo.remind" },
    });
    const snoozed = await answer(await press("promo_snooze", reminder.key));
    expect(snoozed).toBe("Snoozed until 2026-10-02 10:00.");
    expect(
      await h.bot.deps.db.timer.count({
        where: { key: { startsWith: `${reminder.key.split(":snooze:")[0]}:snooze:` } },
      }),
    ).toBe(1);
  });
});

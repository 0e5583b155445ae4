// Reminders with an injected clock: the runner is driven by hand with runDue().
import { afterEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import { runAt as runAtAll, startHarness, type Harness, until } from "../support/harness.ts";
import { viewSubmission } from "../support/payloads.ts";
import { interaction } from "../support/signed.ts";
import { dmsTo, promo, promoReply } from "./campaigns-support.ts";

describe("promotion reminders", () => {
  let h: Harness;
  let clock: FixedClock;
  afterEach(() => h.stop());

  const setUp = async () => {
    clock = new FixedClock("2026-09-01T04:00:00Z");
    h = await startHarness({ clock });
    h.fake.users.set("U0LEAD", { locale: "en-US", tz: "Asia/Shanghai" });
    h.fake.users.set("U0NY", { locale: "en-US", tz: "America/New_York" });
    await promo(h, "U0LEAD", "new 雙11 2026-11-11");
    return until(() => h.bot.deps.db.campaignItem.findFirst({ where: { seq: 0 } }));
  };
  const runAt = (iso: string) => runAtAll(h, clock, iso);
  const assign = async (itemId: string, owner: string) => {
    const opt = (v: string) => ({ text: { type: "plain_text", text: v }, value: v });
    await interaction(
      h.baseUrl,
      viewSubmission({
        user: "U0LEAD",
        callbackId: "promo_item",
        privateMetadata: JSON.stringify({ itemId }),
        values: {
          owner: { owner: { selected_user: owner } },
          status: { status: { selected_option: opt("open") } },
          note: { note: { value: null } },
          reason: { reason: { value: null } },
        },
      }),
    );
    await until(
      async () => (await h.bot.deps.db.campaignItem.findUniqueOrThrow({ where: { id: itemId } })).ownerId === owner,
    );
  };

  it("reminds the day before and at 09:00 on the due day in the owner's zone, once each across a restart, then raises overdue items to the promotion's owner", async () => {
    const item = await setUp();
    expect(item.dueDate).toBe("2026-10-12");
    await assign(item.id, "U0NY");
    const mine = () => dmsTo(h, "U0NY");

    await runAt("2026-10-11T12:59:00Z"); // 08:59 in New York
    expect(mine()).toHaveLength(0);
    await runAt("2026-10-11T13:00:00Z"); // 09:00 EDT the day before
    expect(mine()).toHaveLength(1);
    expect(mine()[0]).toContain("Due tomorrow (2026-10-12)");
    await h.restart();
    await runAt("2026-10-11T13:30:00Z");
    expect(mine()).toHaveLength(1);

    await runAt("2026-10-12T13:00:00Z");
    expect(mine()).toHaveLength(2);
    expect(mine()[1]).toContain("Due today");
    await runAt("2026-10-13T13:00:00Z");
    expect(mine()[2]).toContain("1 day overdue");
    // The checklist is redrawn that morning: its overdue count is today's, not the count of the
    // day it was last touched.
    const progress = h.fake
      .callsOf("chat.update")
      .map((c) => JSON.stringify(c.args.blocks ?? c.args.text))
      .filter((t) => /overdue|逾期/.test(t))
      .at(-1);
    expect(progress).toMatch(/· [1-9]\d* overdue|逾期 [1-9]/);
    expect(dmsTo(h, "U0LEAD").filter((t) => t.includes("🚨"))).toHaveLength(0);
    await runAt("2026-10-14T13:00:00Z");
    // The lead's DMs of this 09:00 are one wave: the raise may arrive on its own or as a line of
    // the wave's roll-up (which names people without pinging them).
    const raisedIn = (t: string) => t.includes("🚨") && /<@U0NY>|@U0NY\b/.test(t);
    const raised = dmsTo(h, "U0LEAD").filter(raisedIn);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toContain("2 days overdue");
    await h.restart();
    await runAt("2026-10-14T14:00:00Z");
    expect(dmsTo(h, "U0LEAD").filter(raisedIn)).toHaveLength(1);
    expect(mine()).toHaveLength(4);
  });

  it("moves every open reminder when the event moves a week later, and sends none of the old ones", async () => {
    const item = await setUp();
    expect(await promoReply(h, "U0LEAD", "move 1 2026-02-30")).toContain("not a date");
    await promo(h, "U0LEAD", "move 1 2026-11-18");
    await until(async () => (await h.bot.deps.db.campaign.findFirstOrThrow()).eventDate === "2026-11-18");
    expect((await h.bot.deps.db.campaignItem.findUniqueOrThrow({ where: { id: item.id } })).dueDate).toBe("2026-10-19");
    const before = dmsTo(h, "U0LEAD").length;
    await runAt("2026-10-11T01:00:00Z");
    await runAt("2026-10-12T01:00:00Z");
    expect(dmsTo(h, "U0LEAD")).toHaveLength(before);
    await runAt("2026-10-18T01:00:00Z");
    const after = dmsTo(h, "U0LEAD").slice(before);
    expect(after.some((t) => t.includes("Due tomorrow (2026-10-19)"))).toBe(true);
    expect(after.some((t) => t.includes("2026-10-12"))).toBe(false);
  });

  it("cancelling a promotion cancels its reminders", async () => {
    await setUp();
    await promo(h, "U0LEAD", "cancel 1");
    await until(async () => (await h.bot.deps.db.campaign.findFirstOrThrow()).status === "cancelled");
    const before = dmsTo(h, "U0LEAD").length;
    await runAt("2026-11-30T01:00:00Z");
    expect(dmsTo(h, "U0LEAD")).toHaveLength(before);
    expect(await h.bot.deps.db.timer.count({ where: { status: "pending", key: { startsWith: "promo:" } } })).toBe(0);
  });
});

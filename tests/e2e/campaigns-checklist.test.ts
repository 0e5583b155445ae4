import { afterEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import { startHarness, until, type Harness } from "../support/harness.ts";
import { blockAction } from "../support/payloads.ts";
import { interaction } from "../support/signed.ts";
import { CHANNEL, checklistPosts, promo, promoReply, settle } from "./campaigns-support.ts";

describe("a promotion's checklist, end to end", () => {
  let h: Harness;
  afterEach(() => h.stop());

  it("creates 雙11 2026-11-11 as one checklist message with six stages counted back in Asia/Shanghai; ticking edits that message", async () => {
    h = await startHarness({ clock: new FixedClock("2026-09-01T04:00:00Z") });
    h.fake.users.set("U0LEAD", { locale: "zh-CN", tz: "Asia/Shanghai" });
    const reply = await promoReply(h, "U0LEAD", "new 雙11 2026-11-11");
    expect(reply).toContain("#1");
    const post = await until(() => checklistPosts(h)[0]);
    const text = JSON.stringify(post.args.blocks);
    for (const [stage, date] of [
      ["T-30", "2026-10-12"],
      ["T-21", "2026-10-21"],
      ["T-14", "2026-10-28"],
      ["T-7", "2026-11-04"],
      ["T0", "2026-11-11"],
      ["T+", "2026-11-14"],
    ]) {
      expect(text).toContain(`*${stage} · ${date}`);
    }
    expect(text).toContain("双11");
    const c = await h.bot.deps.db.campaign.findFirstOrThrow({ include: { items: true } });
    expect(c).toMatchObject({ kind: "double11", eventDate: "2026-11-11", channelId: CHANNEL });
    expect(c.items.find((i) => i.stage === "T-30")?.dueDate).toBe("2026-10-12");

    const item = c.items.find((i) => i.stage === "T-30")!;
    const res = await interaction(
      h.baseUrl,
      blockAction({
        user: "U0LEAD",
        channel: CHANNEL,
        messageTs: String(post.args.ts),
        actionId: "promo_item_menu",
        selected: `done:${item.id}`,
        responseUrl: h.fake.responseUrl("tick"),
      }),
    );
    expect(res.status).toBe(200);
    const update = await until(() => h.fake.callsOf("chat.update")[0]);
    const posted = await h.bot.deps.db.outboxMessage.findUniqueOrThrow({ where: { id: c.checklistMsgId! } });
    expect(update.args).toMatchObject({ channel: CHANNEL, ts: posted.ts });
    // The progress line counts the one item done, out of every item of the template.
    const total = c.items.filter((i) => i.status !== "na").length;
    expect(JSON.stringify(update.args.blocks)).toContain(`已完成 1/${total} · 逾期 0`);
    expect(checklistPosts(h)).toHaveLength(1);
  });

  it("refuses an impossible date, a past event and an unknown template, leaving nothing behind", async () => {
    h = await startHarness({ clock: new FixedClock("2026-09-01T04:00:00Z") });
    h.fake.users.set("U0EN", { locale: "en-US" });
    expect(await promoReply(h, "U0EN", "new 618 2026-02-30")).toContain("2026-02-30 is not a date");
    expect(await promoReply(h, "U0EN", "new 618 2026-06-18")).toContain("is in the past");
    expect(await promoReply(h, "U0EN", "new 雙11 2026-11-11 nosuchtemplate")).toContain("no template called");
    await promo(h, "U0EN", "new");
    const form = await until(() => h.fake.callsOf("views.open")[0]);
    expect((form.args.view as { callback_id: string }).callback_id).toBe("promo_create");
    expect(await promoReply(h, "U0EN", "launch rockets")).toContain("/promo new");
    await settle(h);
    expect(await h.bot.deps.db.campaign.count()).toBe(0);
    expect(await h.bot.deps.db.campaignItem.count()).toBe(0);
    expect(await h.bot.deps.db.timer.count({ where: { key: { startsWith: "promo:" } } })).toBe(0);
    expect(checklistPosts(h)).toHaveLength(0);
  });

  it("lets only the item's owner, the promotion's owner or an admin tick an item", async () => {
    h = await startHarness({ clock: new FixedClock("2026-09-01T04:00:00Z") });
    h.fake.users.set("U0OTHER", { locale: "en-US" });
    await promo(h, "U0LEAD", "new 雙11 2026-11-11");
    const item = await until(() => h.bot.deps.db.campaignItem.findFirst());
    await interaction(
      h.baseUrl,
      blockAction({
        user: "U0OTHER",
        channel: CHANNEL,
        messageTs: "1",
        actionId: "promo_item_menu",
        selected: `done:${item.id}`,
        responseUrl: h.fake.responseUrl("no"),
      }),
    );
    const answer = await until(() => h.fake.responses.find((r) => r.id === "no"));
    expect(answer.body.text).toContain("Only the item's owner");
    expect((await h.bot.deps.db.campaignItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe("open");
  });

  it("lists the marketing calendar and offers to create the playbook of a coming event", async () => {
    h = await startHarness({ clock: new FixedClock("2026-09-01T04:00:00Z") });
    h.fake.users.set("U0LEAD", { locale: "en-US", tz: "Asia/Shanghai" });
    await promo(h, "U0LEAD", "new 雙11 2026-11-11");
    await until(() => h.bot.deps.db.campaign.findFirst());
    const id = await promo(h, "U0LEAD", "calendar");
    const body = (await until(() => h.fake.responses.find((r) => r.id === id))).body as {
      text: string;
      blocks: unknown[];
    };
    // Checklist dates are T-30, as the playbook runs; the big ones' earlier kick-off is advice, and
    // on 09-01 nothing is late yet (Double 12's T-30 is 11-12).
    expect(body.text).toContain(
      "2026-11-11 · *Double 11* · checklist from 2026-10-12 (T-30) · big-promotion kick-off from 2026-08-12 · ✅ #1 planned",
    );
    expect(body.text).toContain(
      "2026-12-12 · *Double 12* · checklist from 2026-11-12 (T-30) · big-promotion kick-off from 2026-09-12\n",
    );
    expect(body.text).not.toContain("should have started");
    // The next six events run into 2027: the title says so instead of "2026".
    expect(body.text).toContain("*Marketing calendar: what comes next (2026–2027)*");
    const buttons = JSON.stringify(body.blocks);
    expect(buttons).toContain("double12|2026-12-12");
    expect(buttons).not.toContain("double11|2026-11-11");
    await interaction(
      h.baseUrl,
      blockAction({
        user: "U0LEAD",
        channel: CHANNEL,
        messageTs: "1",
        actionId: "promo_calendar_create_double12_2026-12-12",
        value: "double12|2026-12-12",
        responseUrl: h.fake.responseUrl("cal"),
      }),
    );
    const form = await until(() => h.fake.callsOf("views.open")[0]);
    expect(JSON.stringify(form.args.view)).toContain('"initial_date":"2026-12-12"');
  });
  it("/promo list shows the running promotions soonest first with their progress, at most 20, and counts the rest", async () => {
    h = await startHarness({ clock: new FixedClock("2026-09-01T04:00:00Z") });
    h.fake.users.set("U0LEAD", { locale: "en-US", tz: "Asia/Shanghai" });
    // 22 promotions on 22 days (made latest first), the latest one cancelled.
    for (let d = 22; d >= 1; d--)
      await promo(
        h,
        "U0LEAD",
        `new Sale${d} 2026-12-${String(d).padStart(2, "0")} <#C0SALE${d}|sale${d}>`,
        `C0SALE${d}`,
      );
    await until(async () => (await h.bot.deps.db.campaign.count()) === 22, 60_000);
    const soonest = await h.bot.deps.db.campaign.findFirstOrThrow({
      where: { name: "Sale1" },
      include: { items: true },
    });
    await h.bot.deps.db.campaignItem.updateMany({
      where: { id: { in: soonest.items.slice(0, 2).map((i) => i.id) } },
      data: { status: "done" },
    });
    const last = await h.bot.deps.db.campaign.findFirstOrThrow({ where: { name: "Sale22" } });
    await promo(h, "U0LEAD", `cancel ${last.number}`);
    await until(
      async () => (await h.bot.deps.db.campaign.findUniqueOrThrow({ where: { id: last.id } })).status === "cancelled",
    );
    const lines = (await promoReply(h, "U0LEAD", "list")).split("\n");
    expect(lines[0]).toBe("*Promotions*");
    expect(lines.slice(1, -1).map((l) => /\*(Sale\d+)\*/.exec(l)?.[1])).toEqual(
      Array.from({ length: 20 }, (_, i) => `Sale${i + 1}`),
    );
    expect(lines[1]).toContain(`T = 2026-12-01 · 2/${soonest.items.length} done`);
    expect(lines.at(-1)).toBe("…and 2 more: `/promo report N` shows any of them.");
    // 22 promotions made through the command, each with its checklist message: about 5 s on an
    // idle machine, and over 30 s on PostgreSQL beside the replica tests on a busy 2-core one.
  }, 120_000);
});

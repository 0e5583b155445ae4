// A channel's language: an admin sets it with /shopops language #channel en; every message posted
// in that channel speaks it (cards, their notes, the link in the customer's thread), while the
// other channels keep the workspace's language and DMs their reader's.
import { afterEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import { settle as settleAll, startHarness, type Harness } from "../support/harness.ts";
import { slashCommand } from "../support/signed.ts";
import { escalateFromThread, setUpTiers, TIER_CHANNEL } from "./complaints-support.ts";

const CJK = /[\u4e00-\u9fff]/;

describe("a channel's language", () => {
  let h: Harness;
  afterEach(() => h.stop());

  // /shopops answers in the HTTP response to the command itself.
  const shopops = async (user: string, text: string) => {
    const res = await slashCommand(h.baseUrl, {
      command: "/shopops",
      text,
      user_id: user,
      response_url: h.fake.responseUrl(`s${Math.random()}`),
    });
    return String((JSON.parse(res.text) as { text: string }).text);
  };
  const settle = () => settleAll(h);

  it("is set by an admin, and the complaint card and notes in that channel speak it; other channels keep the workspace's", async () => {
    const clock = new FixedClock("2026-11-28T02:00:00Z");
    h = await startHarness({ clock, env: { ADMIN_USER_IDS: "U0ADMIN", DEFAULT_LOCALE: "zh-CN" } });
    h.fake.users.set("U0STAFF", { locale: "en-US" });
    expect(await shopops("U0STAFF", `language <#${TIER_CHANNEL[1]}|t1> en`)).toContain(
      "Only a workspace admin or owner can set a channel's language",
    );
    expect(await shopops("U0ADMIN", `language <#${TIER_CHANNEL[1]}|t1> en`)).toContain(`<#${TIER_CHANNEL[1]}>`);
    expect(await shopops("U0ADMIN", "language <#C0SUPPORT|support> english")).toContain(`<#C0SUPPORT>`);
    await setUpTiers(h);

    const c = await escalateFromThread(h, { urgency: "urgent" });
    await settle();
    const inTier1 = h.fake.callsOf("chat.postMessage").filter((m) => m.args.channel === TIER_CHANNEL[1]);
    const card = inTier1.find((m) => !m.args.thread_ts)!;
    const cardText = JSON.stringify(card.args.blocks).replace(/王小姐|杯子破损|客户说收到的杯子碎了，要求退款/g, "");
    expect(cardText).not.toMatch(CJK);
    expect(cardText).toContain("Urgent");
    const opened = inTier1.filter((m) => m.args.thread_ts).map((m) => String(m.args.text));
    expect(opened.some((x) => x.includes("Urgent") && x.includes("Product quality"))).toBe(true);
    expect(opened.filter((x) => CJK.test(x))).toEqual([]);
    // The link in the customer's thread follows that channel's language (set to English above).
    const link = h.fake.callsOf("chat.postMessage").find((m) => m.args.channel === "C0SUPPORT")!;
    expect(String(link.args.text)).not.toMatch(CJK);

    // Escalated by the clock: tier 2's channel (not set) speaks the workspace's Chinese.
    clock.set(new Date(c.deadlineAt!.getTime() + 1000));
    await h.bot.scheduler.runDue();
    await settle();
    const inTier2 = h.fake.callsOf("chat.postMessage").filter((m) => m.args.channel === TIER_CHANNEL[2]);
    expect(inTier2.length).toBeGreaterThan(0);
    expect(inTier2.every((m) => CJK.test(String(m.args.text)) || CJK.test(JSON.stringify(m.args.blocks)))).toBe(true);
    // The note left in tier 1's thread about the move is English.
    const moved = h.fake
      .callsOf("chat.postMessage")
      .filter((m) => m.args.channel === TIER_CHANNEL[1] && m.args.thread_ts)
      .map((m) => String(m.args.text));
    expect(moved.some((x) => /escalated|tier 2/i.test(x) && !CJK.test(x))).toBe(true);

    // Back to the workspace's language.
    expect(await shopops("U0ADMIN", `language <#${TIER_CHANNEL[1]}|t1> auto`)).toContain("跟随工作区语言");
    expect(await h.bot.deps.db.channelSetting.count({ where: { channelId: TIER_CHANNEL[1] } })).toBe(0);
  });
});

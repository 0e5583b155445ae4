// The retrospective as a channel canvas: made on the first form, brought up to date on the next
// with the team's own writing left alone, and today's message with one notice where the
// workspace can't use canvases (a missing scope, the free plan's one canvas per channel).
import { afterEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import { lookup, plainOf, applyChange } from "../../src/sandbox/standin/canvases.ts";
import { runAt, startHarness, until, type Harness } from "../support/harness.ts";
import { viewSubmission } from "../support/payloads.ts";
import { interaction, slashCommand } from "../support/signed.ts";
import { CHANNEL, dmsTo, promo, settle } from "./campaigns-support.ts";

const text = (v: string) => ({ value: v });

describe("the retrospective as a canvas", () => {
  let h: Harness;
  afterEach(() => h.stop());

  let clock: FixedClock;
  async function start() {
    clock = new FixedClock("2026-09-01T04:00:00Z");
    h = await startHarness({ clock });
    h.fake.users.set("U0LEAD", { locale: "zh-CN" });
  }

  async function newPromo(name: string, channel = CHANNEL) {
    await promo(h, "U0LEAD", `new ${name} 2026-11-11 double11`, channel);
    await until(() => h.bot.deps.db.campaign.findFirst({ where: { name } }));
    await h.bot.deps.db.campaign.updateMany({
      where: { name },
      data: { targets: JSON.stringify({ gmv: 1_000_000, newCustomers: 1000, roi: 5, budget: 200_000 }) },
    });
    return (await h.bot.deps.db.campaign.findFirstOrThrow({ where: { name } })).number;
  }

  async function retro(number: number, actions: string, gmv = "850000", wait = true) {
    const queued = () => h.bot.deps.db.outboxMessage.count({ where: { kind: "canvas" } });
    const before = await queued();
    await interaction(
      h.baseUrl,
      viewSubmission({
        user: "U0LEAD",
        callbackId: "promo_retro",
        privateMetadata: JSON.stringify({ ref: String(number) }),
        values: {
          gmv: { gmv: text(gmv) },
          new_customers: { new_customers: text("1200") },
          spend: { spend: text("170000") },
          uv: { uv: text("400000") },
          buyers: { buyers: text("12000") },
          success: { success: text("爆品备货充足") },
          failure: { failure: text("预热流量不足 | 直播间 *卡顿*") },
          whys: { whys: text("流量少\n投放晚\n预算批得晚") },
          actions: { actions: text(actions) },
        },
      }),
    );
    // The form is answered at once; the retrospective is saved and queued just after.
    await until(async () => (await queued()) > before);
    if (wait) await settle(h);
  }

  const canvasIn = (channel: string) => [...h.fake.ws.canvases.values()].find((c) => c.channel === channel);
  const sectionWith = (channel: string, words: string) => {
    const c = canvasIn(channel)!;
    return c.sections.filter((s) => lookup(c, { contains_text: words }).includes(s.id));
  };
  const reports = (channel = CHANNEL) =>
    h.fake.callsOf("chat.postMessage").filter((c) => c.args.channel === channel && String(c.args.text).includes("📊"));

  it("makes the canvas, then replaces only the bot's tables when an action changes", async () => {
    await start();
    const n = await newPromo("双11");
    await retro(n, "提前批预算 | <@U0LEAD|lead> | 2027-05-01 | T-45 前预算获批");

    const made = h.fake.callsOf("canvases.create");
    expect(made).toHaveLength(1);
    expect(made[0]!.args.channel_id).toBe(CHANNEL);
    expect(made[0]!.args.title).toBe("复盘：#1 双11（T = 2026-11-11）");
    // Plan vs actual, by hand: 850,000 of 1,000,000 = 85%; 1,200 of 1,000 = 120%; ROI
    // 850,000 / 170,000 = 5.00:1 of 5:1 = 100%; 170,000 of 200,000 = 85%; 850,000 / 400,000 = 2.13;
    // 12,000 / 400,000 = 3.00%.
    const plan = sectionWith(CHANNEL, "📊 指标");
    expect(plan).toHaveLength(1);
    expect(plan[0]!.type).toBe("table");
    expect(plan[0]!.markdown.split("\n")).toEqual([
      "| 📊 指标 | 目标 | 实际 | 达成 | 环比 | 同比 |",
      "| --- | --- | --- | --- | --- | --- |",
      "| GMV | 1,000,000 | 850,000 | 85% | – | – |",
      "| 新客数 | 1,000 | 1,200 | 120% | – | – |",
      "| ROI | 5:1 | 5.00:1 | 100% | – | – |",
      "| 花费（占预算） | 200,000 | 170,000 | 85% | – | – |",
      "| UV | – | 400,000 | – | – | – |",
      "| UV 价值 | – | 2.13 | – | – | – |",
      "| 转化率 | – | 3.00% | – | – | – |",
    ]);
    // The team's text is text: the table's pipe and the asterisks are escaped, the owner a mention.
    expect(sectionWith(CHANNEL, "预热流量不足")[0]!.markdown).toBe("预热流量不足 \\| 直播间 \\*卡顿\\*");
    expect(sectionWith(CHANNEL, "🛠 行动")[0]!.markdown).toContain(
      "| 提前批预算 | ![](@U0LEAD) | 2027-05-01 | T-45 前预算获批 |",
    );
    // The channel hears the report once, with where the canvas is.
    expect(reports()).toHaveLength(1);
    expect(String(reports()[0]!.args.text)).toContain("复盘也已建为本频道标签页里的画布");

    // The team writes in the canvas: the success factors reworded, meeting notes added at the end.
    const canvas = canvasIn(CHANNEL)!;
    const next = () => `temp:C:TEAM${Math.random()}`;
    const success = sectionWith(CHANNEL, "爆品备货充足")[0]!;
    const edit = (change: object) => expect(applyChange(canvas, change, next)).toBeUndefined();
    edit({
      operation: "replace",
      section_id: success.id,
      document_content: { type: "markdown", markdown: "爆品备货充足，客服排班到位" },
    });
    edit({
      operation: "insert_at_end",
      document_content: { type: "markdown", markdown: "## 会议记录\n\n王经理记录：下次提前两周开会" },
    });

    // The action changes: a new deadline, and a second action.
    await retro(
      n,
      "提前批预算 | <@U0LEAD|lead> | 2027-04-15 | T-60 前预算获批\n复盘模板化 | @王经理 | 2027-01-15 | 模板已导入",
      "900000",
    );

    expect(h.fake.callsOf("canvases.create")).toHaveLength(1);
    expect(h.fake.ws.canvases.size).toBe(1);
    const actions = sectionWith(CHANNEL, "🛠 行动");
    expect(actions).toHaveLength(1);
    expect(actions[0]!.markdown).toContain("| 提前批预算 | ![](@U0LEAD) | 2027-04-15 | T-60 前预算获批 |");
    expect(actions[0]!.markdown).toContain("| 复盘模板化 | @王经理 | 2027-01-15 | 模板已导入 |");
    expect(actions[0]!.markdown).not.toContain("2027-05-01");
    // GMV 900,000 of 1,000,000 = 90%.
    expect(sectionWith(CHANNEL, "📊 指标")).toHaveLength(1);
    expect(sectionWith(CHANNEL, "📊 指标")[0]!.markdown).toContain("| GMV | 1,000,000 | 900,000 | 90% | – | – |");
    // The team's writing stays, where it was.
    const words = canvas.sections.map(plainOf);
    expect(words).toContain("爆品备货充足，客服排班到位");
    expect(words.some((w) => w === "爆品备货充足")).toBe(false);
    expect(words.at(-2)).toBe("会议记录");
    expect(words.at(-1)).toBe("王经理记录：下次提前两周开会");
    expect(reports()).toHaveLength(2);
    expect(String(reports()[1]!.args.text)).toContain("复盘画布已更新");
  });

  it("puts a table back at the end when the team deleted it, and makes the canvas again when it was deleted", async () => {
    await start();
    const n = await newPromo("双11");
    await retro(n, "提前批预算 | @王经理 | 2027-05-01 | 获批");
    const canvas = canvasIn(CHANNEL)!;
    const late = sectionWith(CHANNEL, "⏰ 事项")[0]!;
    expect(applyChange(canvas, { operation: "delete", section_id: late.id }, () => "x")).toBeUndefined();
    await retro(n, "提前批预算 | @王经理 | 2027-05-02 | 获批");
    expect(sectionWith(CHANNEL, "⏰ 事项")).toHaveLength(1);
    expect(canvas.sections.at(-1)!.markdown).toContain("⏰ 事项");

    h.fake.ws.canvases.delete(canvas.id);
    await retro(n, "提前批预算 | @王经理 | 2027-05-03 | 获批");
    expect(h.fake.callsOf("canvases.create")).toHaveLength(2);
    expect(sectionWith(CHANNEL, "🛠 行动")[0]!.markdown).toContain("2027-05-03");
  });

  it("survives Slack failing between the lookup and the edit: the edit is done once, the message sent once", async () => {
    await start();
    const n = await newPromo("双11");
    await retro(n, "提前批预算 | @王经理 | 2027-05-01 | 获批");
    h.fake.script("canvases.edit", { status: 500 }, { status: 500 });
    await retro(n, "提前批预算 | @王经理 | 2027-06-01 | 获批", "850000", false);
    // Each failure waits its backoff (about 1 s, then 2 s) on the injected clock, from when its
    // outcome is written; the whole update is done again, and replacing a table twice leaves one.
    const retrying = (n: number) =>
      until(() =>
        h.bot.deps.db.outboxMessage.findFirst({
          where: { kind: "canvas", status: "pending", attempts: n, lastError: { not: null }, leaseUntil: null },
        }),
      );
    await retrying(1);
    clock.set("2026-09-01T04:00:05Z");
    await retrying(2);
    await runAt(h, clock, "2026-09-01T04:00:15Z");
    expect(h.fake.callsOf("canvases.edit")).toHaveLength(5);
    expect(sectionWith(CHANNEL, "🛠 行动")).toHaveLength(1);
    expect(sectionWith(CHANNEL, "🛠 行动")[0]!.markdown).toContain("2027-06-01");
    expect(reports()).toHaveLength(2);
  });

  it("falls back to today's message and tells the person once when the app lacks the canvases scope", async () => {
    await start();
    h.fake.ws.scopes = new Set(["chat:write", "commands"]);
    const first = await newPromo("双11");
    const second = await newPromo("双12", "C0DOUBLE12");
    await retro(first, "提前批预算 | @王经理 | 2027-05-01 | 获批");
    await retro(second, "提前批预算 | @王经理 | 2027-05-01 | 获批");

    expect(h.fake.ws.canvases.size).toBe(0);
    // Tried once; the refusal is remembered, so the second promotion's retrospective went straight to the message.
    expect(h.fake.callsOf("canvases.create")).toHaveLength(1);
    expect(reports()).toHaveLength(1);
    expect(reports("C0DOUBLE12")).toHaveLength(1);
    expect(String(reports()[0]!.args.text)).toContain("达成 85%");
    expect(String(reports()[0]!.args.text)).not.toContain("画布");
    const notices = dmsTo(h, "U0LEAD").filter((t) => t.startsWith("ℹ️"));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain("missing_scope");
    expect(notices[0]).toContain("canvases:write");

    const status = await slashCommand(h.baseUrl, { command: "/shopops", text: "status", user_id: "U0LEAD" });
    const answer = String(JSON.parse(status.text).text);
    expect(answer).toContain("⛔ 画布：不可以，Slack 答复 `missing_scope`");
  });

  it("falls back on the free plan when the channel already has its one canvas", async () => {
    await start();
    h.fake.ws.plan = "free";
    h.fake.ws.canvases.set("F0TEAM", { id: "F0TEAM", title: "频道说明", channel: CHANNEL, sections: [] });
    const n = await newPromo("双11");
    await retro(n, "提前批预算 | @王经理 | 2027-05-01 | 获批");
    expect(h.fake.ws.canvases.size).toBe(1);
    expect(reports()).toHaveLength(1);
    const notices = dmsTo(h, "U0LEAD").filter((t) => t.startsWith("ℹ️"));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain("免费方案每个频道只能有一个画布");
    // A refusal of this channel, not of canvases: another channel still gets its canvas.
    const other = await newPromo("双12", "C0DOUBLE12");
    await retro(other, "提前批预算 | @王经理 | 2027-05-01 | 获批");
    expect(canvasIn("C0DOUBLE12")).toBeDefined();
    const status = await slashCommand(h.baseUrl, { command: "/shopops", text: "status", user_id: "U0LEAD" });
    expect(String(JSON.parse(status.text).text)).toContain("✅ 画布：可以");
  });
});

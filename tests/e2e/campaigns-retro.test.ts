import { afterEach, describe, expect, it } from "vitest";
import { firstTable } from "../support/table-cells.ts";
import { FixedClock } from "../../src/infra/clock.ts";
import { retroFigures } from "../../src/features/campaigns/rules.ts";
import { startHarness, until, type Harness } from "../support/harness.ts";
import { viewSubmission } from "../support/payloads.ts";
import { interaction } from "../support/signed.ts";
import { CHANNEL, promo, promoReply, settle } from "./campaigns-support.ts";

const CUSTOM = `name: flash-sale
stages:
  - { key: T-30, offset: -30, title: { zh-CN: 立项, en: Kickoff }, items: [ { title: { zh-CN: 定目标, en: Set goals }, role: ops_lead, done: { zh-CN: 已定, en: Set } } ] }
  - { key: T-21, offset: -21, title: { zh-CN: 方案, en: Plan }, items: [ { title: { zh-CN: 写方案, en: Write the plan }, role: campaign_ops, done: { zh-CN: 已写, en: Written } } ] }
  - { key: T-14, offset: -10, title: { zh-CN: 开发, en: Build }, items: [ { title: { zh-CN: 配券, en: Coupons }, role: campaign_ops, done: { zh-CN: 已配, en: Done } } ] }
  - { key: T-7, offset: -3, title: { zh-CN: 预热, en: Warm-up }, items: [ { title: { zh-CN: 备货, en: Stock }, role: purchasing, gate: true, done: { zh-CN: 到仓, en: In the warehouse } } ] }
  - { key: T0, offset: 0, title: { zh-CN: 当天, en: The day }, items: [ { title: { zh-CN: 盯盘, en: Watch the numbers }, role: data, done: { zh-CN: 已盯, en: Watched } } ] }
  - { key: T+, offset: 2, title: { zh-CN: 复盘, en: Review }, items: [ { title: { zh-CN: 复盘会, en: Retro meeting }, role: ops_lead, done: { zh-CN: 已开, en: Held } } ] }
`;

describe("retrospective and templates", () => {
  let h: Harness;
  afterEach(() => h.stop());

  const submit = (callbackId: string, meta: object, values: Record<string, Record<string, unknown>>, user = "U0LEAD") =>
    interaction(h.baseUrl, viewSubmission({ user, callbackId, privateMetadata: JSON.stringify(meta), values }));
  const text = (v: string | null) => ({ value: v });

  it("reports the DOMAIN.md example as 85% and 120%, in both languages", async () => {
    expect(
      retroFigures(
        { gmv: 1_000_000, newCustomers: 1000 },
        { gmv: 850_000, newCustomers: 1200, spend: 170_000, uv: 400_000, buyers: 12_000 },
      ),
    ).toMatchObject({
      gmvAttainment: 0.85,
      newCustomerAttainment: 1.2,
      roi: 5,
      uvValue: 2.125,
      conversion: 0.03,
    });
    h = await startHarness({ clock: new FixedClock("2026-09-01T04:00:00Z") });
    h.fake.users.set("U0LEAD", { locale: "zh-CN" });
    h.fake.users.set("U0EN", { locale: "en-US" });
    const opt = (v: string) => ({ text: { type: "plain_text", text: v }, value: v });
    const created = await submit(
      "promo_create",
      {},
      {
        name: { name: text("雙11") },
        date: { date: { selected_date: "2026-11-11" } },
        kind: { kind: { selected_option: opt("double11") } },
        channel: { channel: { selected_conversation: CHANNEL } },
        owner: { owner: { selected_user: "U0LEAD" } },
        template: { template: { selected_option: opt("builtin") } },
        gmv: { gmv: text("1,000,000") },
        new_customers: { new_customers: text("1000") },
        roi: { roi: text("5") },
        budget: { budget: text("200000") },
      },
    );
    await until(() => h.bot.deps.db.campaign.findFirst());
    // The form stays open and answers where the person acted: "creating…", then the outcome.
    expect(JSON.parse(created.text)).toMatchObject({ response_action: "update" });
    expect(JSON.stringify(JSON.parse(created.text).view)).toContain("正在创建大促");
    const outcome = await until(() => h.fake.callsOf("views.update").at(-1));
    expect(JSON.stringify(outcome.args.view)).toContain("已创建，清单在 <#C0DOUBLE11>");
    const bad = await submit(
      "promo_retro",
      { ref: "1" },
      {
        gmv: { gmv: text("lots") },
        new_customers: { new_customers: text("1200") },
        spend: { spend: text("170000") },
        uv: { uv: text("400000") },
        buyers: { buyers: text("12000") },
      },
    );
    expect(JSON.parse(bad.text).errors.gmv).toContain("数字");
    await submit(
      "promo_retro",
      { ref: "1" },
      {
        gmv: { gmv: text("850000") },
        new_customers: { new_customers: text("1200") },
        spend: { spend: text("170000") },
        uv: { uv: text("400000") },
        buyers: { buyers: text("12000") },
        success: { success: text("爆品备货充足") },
        failure: { failure: text("预热流量不足") },
        whys: { whys: text("流量少\n投放晚\n预算批得晚") },
        actions: {
          actions: text(
            "提前批预算 | <@U0LEAD|lead> | 2027-05-01 | T-45 前预算获批\n复盘模板化 | @王经理 | 2027-01-15 | 模板已导入",
          ),
        },
      },
    );
    await settle(h);
    const report = await until(() =>
      h.fake.callsOf("chat.postMessage").find((c) => c.args.channel === CHANNEL && String(c.args.text).includes("📊")),
    );
    expect(String(report.args.text)).toContain("达成 85%");
    expect(String(report.args.text)).toContain("达成 120%");
    expect(String(report.args.text)).toContain("ROI 5.00:1");
    expect(String(report.args.text)).toContain("提前批预算 · <@U0LEAD> · 2027-05-01");
    expect(String(report.args.text)).toContain("@王经理");
    // The figures again as the table Slack draws under the text. By hand: GMV 850,000 of
    // 1,000,000 = 85%; new customers 1,200 of 1,000 = 120%; ROI 850,000 / 170,000 = 5.00:1 of 5:1
    // = 100%; spend 170,000 of a 200,000 budget = 85%; UV value 850,000 / 400,000 = 2.13;
    // conversion 12,000 / 400,000 = 3.00%. No earlier promotion: no 环比 or 同比.
    const table = firstTable(report.args.attachments);
    expect(table.type).toBe("table");
    expect(table.cells).toEqual([
      ["指标", "目标", "实际", "达成", "环比", "同比"],
      ["GMV", "1,000,000", "850,000", "85%", "–", "–"],
      ["新客数", "1,000", "1,200", "120%", "–", "–"],
      ["ROI", "5:1", "5.00:1", "100%", "–", "–"],
      ["花费（占预算）", "200,000", "170,000", "85%", "–", "–"],
      ["UV", "–", "400,000", "–", "–", "–"],
      ["UV 价值", "–", "2.13", "–", "–", "–"],
      ["转化率", "–", "3.00%", "–", "–", "–"],
    ]);
    const en = await promoReply(h, "U0EN", "report 1");
    expect(en).toContain("target 1,000,000, actual 850,000, 85%");
    expect(en).toContain("target 1,000, actual 1,200, 120%");
    expect(en).toContain("Late items");
  });

  it("imports a custom template from YAML, refuses one with a missing stage, and keeps running promotions on their version", async () => {
    h = await startHarness({ clock: new FixedClock("2026-09-01T04:00:00Z") });
    h.fake.users.set("U0LEAD", { locale: "en-US" });
    const missing = CUSTOM.split("\n")
      .filter((l) => !l.includes("key: T0"))
      .join("\n");
    const refused = await submit("promo_template_import", {}, { yaml: { yaml: text(missing) } });
    expect(JSON.parse(refused.text).errors.yaml).toContain("stage T0 is missing");
    const notYaml = await submit("promo_template_import", {}, { yaml: { yaml: text("stages: [unclosed") } });
    expect(JSON.parse(notYaml.text).errors.yaml).toContain("YAML");
    expect(await h.bot.deps.db.playbookTemplate.count({ where: { name: "flash-sale" } })).toBe(0);

    await submit("promo_template_import", {}, { yaml: { yaml: text(CUSTOM) } });
    await until(() => h.bot.deps.db.playbookTemplate.findFirst({ where: { name: "flash-sale" } }));
    await promo(h, "U0LEAD", "new Flash 2026-10-20 flash-sale");
    const first = await until(() => h.bot.deps.db.campaign.findFirst({ include: { items: true } }));
    expect(first.items).toHaveLength(6);
    expect(first.items.find((i) => i.stage === "T-14")?.dueDate).toBe("2026-10-10");

    // The team edits its template: a new version, which new promotions use and old ones don't.
    await submit("promo_template_import", {}, { yaml: { yaml: text(CUSTOM.replace("offset: -10", "offset: -12")) } });
    await until(async () => (await h.bot.deps.db.playbookTemplate.count({ where: { name: "flash-sale" } })) === 2);
    await promo(h, "U0LEAD", "new Flash2 2026-10-25 flash-sale");
    const second = await until(() =>
      h.bot.deps.db.campaign.findFirst({ where: { number: 2 }, include: { items: true } }),
    );
    expect(second.items.find((i) => i.stage === "T-14")?.dueDate).toBe("2026-10-13");
    // The edit really changed the template: the new version's T-14 stage is two days earlier.
    expect(CUSTOM).toContain("offset: -10");
    const again = await h.bot.deps.db.campaign.findUniqueOrThrow({ where: { id: first.id }, include: { items: true } });
    expect(again.templateId).toBe(first.templateId);
    expect(again.items.find((i) => i.stage === "T-14")?.dueDate).toBe("2026-10-10");
    expect(await promoReply(h, "U0LEAD", "template export flash-sale")).toContain("offset: -12");
  });
});

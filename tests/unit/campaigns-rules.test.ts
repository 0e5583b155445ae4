import { describe, expect, it } from "vitest";
import { marketingCalendar, planChecklist, Template } from "../../src/features/campaigns/rules.ts";
import { isRealDate, localTime, shiftDate } from "../../src/infra/time.ts";
import { kindFromName, parsePromoCommand } from "../../src/features/campaigns/schema.ts";
import { builtinTemplate } from "../../src/features/campaigns/templates.ts";
import { progressBar } from "../../src/features/campaigns/blocks.ts";

describe("playbook dates", () => {
  it("counts back from the event day as calendar dates, across month ends", () => {
    expect(shiftDate("2026-11-11", -30)).toBe("2026-10-12");
    expect(shiftDate("2026-03-01", -1)).toBe("2026-02-28");
    expect(shiftDate("2028-03-01", -1)).toBe("2028-02-29");
    const items = planChecklist(builtinTemplate(), "2026-11-11");
    expect(new Set(items.map((i) => i.stage))).toEqual(new Set(["T-30", "T-21", "T-14", "T-7", "T0", "T+"]));
    expect(items.filter((i) => i.gate)).toHaveLength(4);
  });
  it("knows real dates and local 09:00 in different zones", () => {
    expect([
      isRealDate("2026-02-28"),
      isRealDate("2026-02-30"),
      isRealDate("2026-13-01"),
      isRealDate("26-1-1"),
    ]).toEqual([true, false, false, false]);
    expect(localTime("2026-10-11", "09:00", "Asia/Shanghai").toISOString()).toBe("2026-10-11T01:00:00.000Z");
    expect(localTime("2026-10-11", "09:00", "America/New_York").toISOString()).toBe("2026-10-11T13:00:00.000Z");
    expect(localTime("2026-11-02", "09:00", "America/New_York").toISOString()).toBe("2026-11-02T14:00:00.000Z");
  });
  it("lists the marketing calendar with three months of preparation and the New-Year festival from the Spring Festival", () => {
    const cal = marketingCalendar(2027);
    expect(cal.map((e) => [e.kind, e.date])).toEqual([
      ["newyear", "2027-01-16"],
      ["618", "2027-06-18"],
      ["double11", "2027-11-11"],
      ["double12", "2027-12-12"],
    ]);
    expect(cal.find((e) => e.kind === "double11")?.prepareFrom).toBe("2027-08-12");
  });
  it("rejects a template with a stage missing or twice", () => {
    const t = builtinTemplate();
    const r = Template.safeParse({ ...t, stages: t.stages.filter((s) => s.key !== "T-7") });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain("stage T-7 is missing");
  });
  it("draws a progress bar", () => {
    expect(progressBar(5, 10)).toBe("▓▓▓▓▓░░░░░ 50%");
  });
});

describe("/promo parsing", () => {
  it("reads the one-line form with optional channel, kind and template", () => {
    expect(parsePromoCommand("new 雙11 2026-11-11")).toEqual({
      ok: true,
      cmd: {
        sub: "new",
        name: "雙11",
        date: "2026-11-11",
        channelId: undefined,
        kind: "double11",
        template: undefined,
      },
    });
    expect(parsePromoCommand("new Spring sale 2027-3-8 <#C0AB|promo> custom flash-sale")).toEqual({
      ok: true,
      cmd: {
        sub: "new",
        name: "Spring sale",
        date: "2027-03-08",
        channelId: "C0AB",
        kind: "custom",
        template: "flash-sale",
      },
    });
    expect(parsePromoCommand("new 2026-11-11")).toEqual({ ok: false, usage: "promo.usage.new" });
    expect(parsePromoCommand("move one 2026-11-18")).toEqual({ ok: false, usage: "promo.usage" });
    expect([kindFromName("双12 清仓"), kindFromName("年貨節"), kindFromName("618 大促")]).toEqual([
      "double12",
      "newyear",
      "618",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { auditCsv, csvField } from "../../src/audit/export.ts";

describe("the audit CSV", () => {
  it("quotes what RFC 4180 needs quoted and keeps formulas from running in a spreadsheet", () => {
    expect(csvField("plain 中文")).toBe("plain 中文");
    expect(csvField('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    for (const f of ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tx"])
      expect(csvField(f).replace(/^"/, "").startsWith("'")).toBe(true);
  });

  it("starts with a UTF-8 BOM, uses CRLF, and writes times with their offset in the team's zone", () => {
    const csv = auditCsv(
      [
        {
          at: new Date("2026-11-11T01:02:03Z"),
          actorId: null,
          feature: "promo",
          action: "t0_plan",
          objectType: "promotion",
          objectId: "c1",
          objectLabel: "#3 雙11",
          before: null,
          after: "3000000",
          channel: "C1",
        },
      ],
      "Asia/Shanghai",
    );
    expect(csv).toBe(
      "\uFEFFwhen,who,feature,what,object,object_id,before,after,channel\r\n2026-11-11 09:02:03 +08:00,shopops,promo,t0_plan,#3 雙11,c1,,3000000,C1\r\n",
    );
  });
});

// Counted words take the locale's plural form: "1 day overdue", "2 days overdue", never "day(s)".
import { describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en.ts";
import { t } from "../../src/infra/i18n.ts";

describe("plurals", () => {
  it("picks one or other by Intl.PluralRules, with # for the number", () => {
    const line = (days: number) =>
      t("en", "promo.remind.overdue", { days, due: "2026-10-12", campaign: "Double 11", title: "Book ads" });
    expect(line(1)).toContain("1 day overdue");
    expect(line(2)).toContain("2 days overdue");
    expect(line(0)).toContain("0 days overdue");
    expect(t("en", "reviews.import.result", { stored: 1, duplicates: 0, bad: 3, problems: "" })).toBe(
      "Imported 1 review, 0 already known, 3 bad rows.",
    );
  });

  it("no English message hedges with (s)", () => {
    expect(Object.entries(en).filter(([, v]) => v.includes("(s)"))).toEqual([]);
  });
});

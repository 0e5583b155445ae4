// How exports write numbers, dates and ids, read back; the README's example preset is valid.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { PresetSchema, loadPresets } from "../../src/intake/exports/preset.ts";
import { cleanText, readHour, readNumber, readRating, readWallTime } from "../../src/intake/exports/values.ts";

describe("export values", () => {
  it("reads numbers as back offices write them", () => {
    expect(readNumber("¥1,234.50")).toBe(1234.5);
    expect(readNumber("$1,234,567.89")).toBe(1234567.89);
    expect(readNumber("-$100.00")).toBe(-100);
    expect(readNumber("(35.00)")).toBe(-35);
    expect(readNumber("12.3%")).toBeCloseTo(0.123, 9);
    expect(readNumber("1.2万")).toBe(12000);
    expect(readNumber("¥12.3万")).toBe(123000);
    expect(readNumber("1.5亿")).toBe(150000000);
    expect(readNumber("59.90元")).toBe(59.9);
    expect(readNumber("--")).toBeUndefined();
    expect(readNumber("")).toBeUndefined();
    expect(readNumber("十元")).toBeNaN();
    expect(readNumber("1,2")).toBeNaN();
  });

  it("reads dates in the platforms' ways, and refuses days that don't exist", () => {
    expect(readWallTime("2026-11-11")).toEqual({ date: "2026-11-11" });
    expect(readWallTime("2026/11/11 10:05:03")).toEqual({ date: "2026-11-11", hour: 10, minute: 5, second: 3 });
    expect(readWallTime("2026年11月11日")).toEqual({ date: "2026-11-11" });
    expect(readWallTime("20261111")).toEqual({ date: "2026-11-11" });
    expect(readWallTime("11/12/2026", "MDY")).toEqual({ date: "2026-11-12" });
    expect(readWallTime("11/12/2026", "DMY")).toEqual({ date: "2026-12-11" });
    expect(readWallTime("11/12/2026")).toBeUndefined();
    expect(readWallTime("2026/13/45")).toBeUndefined();
    expect(readWallTime("2026-02-29")).toBeUndefined();
    // The common stamp, read digit by digit, refuses what the slow path refuses.
    expect(readWallTime("2026-11-11 10:05:03")).toEqual({
      date: "2026-11-11",
      day: 20261111,
      hour: 10,
      minute: 5,
      second: 3,
    });
    expect(readWallTime("2026-02-30 10:05:03")).toBeUndefined();
    expect(readWallTime("2026-11-11 24:00:00")).toBeUndefined();
    expect(readWallTime("2026-11-11 10:60:00")).toBeUndefined();
    expect(readWallTime("2026-11-11 1a:05:03")).toBeUndefined();
    expect(readWallTime("2026-11-11T10:05:03")).toMatchObject({ date: "2026-11-11", hour: 10, minute: 5 });
    expect(readWallTime("11/11/2026 3:04 PM", "MDY")).toMatchObject({ hour: 15, minute: 4 });
  });

  it("reads ids, hours and ratings", () => {
    expect(cleanText('="3300000000000001"')).toBe("3300000000000001");
    // ="…" read by character codes agrees with the general path on its edges.
    expect(cleanText('="\'0012"')).toBe("0012");
    expect(cleanText('=" 12 "')).toBe("12");
    expect(cleanText('=""')).toBe("");
    expect(cleanText('="a"b"')).toBe('a"b');
    expect(cleanText('="a\nb"')).toBe('="a\nb"');
    expect(cleanText('="x" ')).toBe("x");
    expect(cleanText('="12\u3000"')).toBe("12");
    expect(cleanText('="\u00a012"')).toBe("12");
    expect(cleanText("\t'0012")).toBe("0012");
    expect(readHour("10:00-11:00")).toBe(10);
    expect(readHour("23时")).toBe(23);
    expect(readHour("24")).toBeUndefined();
    expect(readRating("差评")).toBe(1);
    expect(readRating("4星")).toBe(4);
    expect(readRating("★★★")).toBe(3);
    expect(readRating("6")).toBeUndefined();
  });

  it("the built-in presets and the README's example are valid presets", () => {
    const { presets, problems } = loadPresets("/nonexistent");
    expect(problems).toEqual([]);
    expect(presets.map((p) => p.id).sort()).toContain("sycm-store");
    const readme = readFileSync("README.md", "utf8");
    const example = /```yaml\n(id: my-erp-orders[\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    expect(PresetSchema.safeParse(parse(example!)).success).toBe(true);
    expect(PresetSchema.safeParse({ ...parse(example!), columns: { gmv: ["x"] } }).success).toBe(false);
  });
});

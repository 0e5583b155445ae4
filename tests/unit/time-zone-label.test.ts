// Times in channels carry their offset, since readers may be elsewhere.
import { describe, expect, it } from "vitest";
import { formatWithZone, utcOffset } from "../../src/infra/time.ts";

describe("times with their zone", () => {
  it("labels the offset at that instant, half hours and DST included", () => {
    const at = new Date("2026-11-29T21:14:00Z");
    expect(formatWithZone(at, "Asia/Shanghai")).toBe("11-30 05:14 (UTC+8)");
    expect(utcOffset(new Date("2026-07-01T12:00:00Z"), "America/New_York")).toBe("UTC-4");
    expect(utcOffset(new Date("2026-12-01T12:00:00Z"), "America/New_York")).toBe("UTC-5");
    expect(utcOffset(at, "Asia/Kolkata")).toBe("UTC+5:30");
    expect(utcOffset(at, "UTC")).toBe("UTC");
  });
});

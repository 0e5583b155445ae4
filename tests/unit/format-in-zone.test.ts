// formatInZone remembers what it showed by minute (a burst formats the same minutes thousands of
// times); whatever it remembers must read exactly as formatting afresh would, in every zone.
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatInZone } from "../../src/infra/time.ts";

const ZONES = ["Asia/Shanghai", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe", "UTC"];
const PATTERNS = ["yyyy-MM-dd HH:mm", "MM-dd HH:mm", "HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "M月d日 HH:mm", "h:mm a"];
const afresh = (ms: number, zone: string, pattern: string) => format(new TZDate(ms, zone), pattern);

describe("formatInZone", () => {
  it("reads as formatting afresh, for instants in the same minute, across DST and odd offsets", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1960, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.array(fc.integer({ min: 0, max: 59_999 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...ZONES),
        fc.constantFrom(...PATTERNS),
        (base, offsets, zone, pattern) => {
          const minute = Math.floor(base / 60_000) * 60_000;
          for (const o of offsets)
            expect(formatInZone(new Date(minute + o), zone, pattern)).toBe(afresh(minute + o, zone, pattern));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("shows seconds when the pattern has them, never a remembered minute's", () => {
    const at = Date.UTC(2026, 10, 11, 1, 59, 0);
    expect(formatInZone(new Date(at + 1_000), "Asia/Shanghai", "HH:mm:ss")).toBe("09:59:01");
    expect(formatInZone(new Date(at + 59_000), "Asia/Shanghai", "HH:mm:ss")).toBe("09:59:59");
    expect(formatInZone(new Date(at + 59_000), "Asia/Shanghai", "HH:mm")).toBe("09:59");
    expect(() => formatInZone(new Date(NaN), "Asia/Shanghai")).toThrow(RangeError);
  });
});

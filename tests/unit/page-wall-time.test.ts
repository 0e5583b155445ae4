// The sandbox's "Go" box reads the typed time in the acting person's zone, not the browser's.
import { describe, expect, it } from "vitest";
import { wallTimeIn } from "../../src/sandbox/page/types.ts";

describe("a typed wall time, read in a zone", () => {
  it("is that time where the person is", () => {
    expect(wallTimeIn("2026-12-07T09:05", "Asia/Shanghai").toISOString()).toBe("2026-12-07T01:05:00.000Z");
    expect(wallTimeIn("2026-12-07T09:05", "America/New_York").toISOString()).toBe("2026-12-07T14:05:00.000Z");
    expect(wallTimeIn("2026-07-07T09:05", "America/New_York").toISOString()).toBe("2026-07-07T13:05:00.000Z");
    expect(wallTimeIn("2026-11-11T00:00", "Europe/London").toISOString()).toBe("2026-11-11T00:00:00.000Z");
  });

  it("is right on either side of the night the clocks change", () => {
    // New York moves from EST to EDT at 02:00 on 2026-03-08.
    expect(wallTimeIn("2026-03-08T01:30", "America/New_York").toISOString()).toBe("2026-03-08T06:30:00.000Z");
    expect(wallTimeIn("2026-03-08T03:30", "America/New_York").toISOString()).toBe("2026-03-08T07:30:00.000Z");
  });
});

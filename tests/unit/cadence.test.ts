// Digests and briefings are planned by one function (a cadence as cron, cron-parser's next
// occurrence in the subscriber's zone, from the injected clock): right across DST changes and
// month ends.
import { describe, expect, it } from "vitest";
import { nextDigest } from "../../src/features/metrics/digest.ts";
import { cadenceCron, nextLocal } from "../../src/scheduler/recurring.ts";

const sub = (o: { time: string; timeZone: string; cadence?: "daily" | "weekly"; weekday?: number | null }) => ({
  id: "s1",
  target: "U1",
  store: "shop1",
  cadence: o.cadence ?? "daily",
  weekday: o.weekday ?? null,
  time: o.time,
  timeZone: o.timeZone,
});

describe("cadences", () => {
  it("writes ISO weekdays as cron's (Sunday is 0)", () => {
    expect(cadenceCron({ time: "09:30" })).toBe("30 9 * * *");
    expect(cadenceCron({ time: "08:05", weekday: 1 })).toBe("5 8 * * 1");
    expect(cadenceCron({ time: "18:00", weekday: 7 })).toBe("0 18 * * 0");
  });

  it("keeps 09:00 local across New York's spring and autumn changes", () => {
    const daily = sub({ time: "09:00", timeZone: "America/New_York" });
    // 2026-03-08 is the spring change (EST −5 → EDT −4).
    expect(nextDigest(daily, new Date("2026-03-07T15:00:00Z"))).toEqual({
      at: new Date("2026-03-08T13:00:00Z"),
      date: "2026-03-08",
    });
    expect(nextDigest(daily, new Date("2026-03-06T15:00:00Z")).at).toEqual(new Date("2026-03-07T14:00:00Z"));
    // 2026-11-01 is the autumn change (EDT → EST).
    expect(nextDigest(daily, new Date("2026-10-31T14:00:00Z"))).toEqual({
      at: new Date("2026-11-01T14:00:00Z"),
      date: "2026-11-01",
    });
  });

  it("keeps London's 07:30 across its changes, and Monday's weekly digest across a month end", () => {
    expect(nextLocal(cadenceCron({ time: "07:30" }), "Europe/London", new Date("2026-03-28T12:00:00Z"))).toEqual({
      at: new Date("2026-03-29T06:30:00Z"),
      date: "2026-03-29",
    });
    expect(nextLocal(cadenceCron({ time: "07:30" }), "Europe/London", new Date("2026-10-24T12:00:00Z"))).toEqual({
      at: new Date("2026-10-25T07:30:00Z"),
      date: "2026-10-25",
    });
    const weekly = sub({ time: "09:00", timeZone: "Asia/Shanghai", cadence: "weekly", weekday: 1 });
    // Saturday 2026-01-31: the next Monday is 2026-02-02, 09:00 in Shanghai (01:00Z).
    expect(nextDigest(weekly, new Date("2026-01-31T04:00:00Z"))).toEqual({
      at: new Date("2026-02-02T01:00:00Z"),
      date: "2026-02-02",
    });
    // At exactly the send time, the next one is a week later (a send is never planned twice).
    expect(nextDigest(weekly, new Date("2026-02-02T01:00:00Z")).date).toBe("2026-02-09");
  });
});

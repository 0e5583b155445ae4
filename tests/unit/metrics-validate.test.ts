// The hand-written fast path of metric row validation agrees with the zod schema: on random rows
// (numbers, numeric text, junk, blanks, padding), whatever the fast path accepts the schema
// accepts as the very same record, and what it refuses still gets the schema's named problems.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plainRow, validateMetricRow, validateWithSchema } from "../../src/features/metrics/schema-rows.ts";

const num = fc.oneof(
  fc.nat(1e7),
  fc.double({ min: -5, max: 1e6, noNaN: true }),
  fc.integer({ min: -3, max: 30 }).map(String),
  fc.constantFrom("", " 12", "1.5", "1.005", "12.30", "abc", "1e3", "-0", null, true, undefined),
);
const text = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom("app", " web ", "", "   ", "x".repeat(61), "x".repeat(101)),
  fc.constant(undefined),
  fc.integer(),
);
const date = fc.oneof(
  fc.constantFrom("2026-11-27", " 2026-11-27 ", "2026-02-30", "2026-1-5", "20261127", "", "2024-02-29"),
  fc.string({ maxLength: 10 }),
  fc.integer(),
);
const row = fc.record(
  {
    date,
    store: text,
    channel: text,
    sku: text,
    hour: num,
    uv: num,
    pv: num,
    product_views: num,
    cart_adds: num,
    orders: num,
    buyers: num,
    gmv: num,
    refunds: num,
    ad_spend: num,
    new_customers: num,
    extra: text,
  },
  { requiredKeys: [] },
);

describe("metric row validation", () => {
  it("gives the same record, or the same refusal, as the zod schema alone", () => {
    fc.assert(
      fc.property(row, (raw) => {
        const fast = validateMetricRow(raw as Record<string, unknown>, 7);
        const slow = validateWithSchema(raw as Record<string, unknown>, 7);
        expect(fast).toEqual(slow);
      }),
      { numRuns: 5000 },
    );
  });

  it("agrees on plausible rows too, most of which it accepts itself", () => {
    const count = fc.oneof(fc.nat(1e6), fc.nat(1e6).map(String), fc.constant(""));
    const money = fc.oneof(
      fc.nat(1e8).map((c) => c / 100),
      fc.nat(1e8).map((c) => (c / 100).toFixed(2)),
      fc.constant(0),
    );
    const plausible = fc.record({
      date: fc.constantFrom("2026-11-27", "2025-12-31", "2024-02-29"),
      store: fc.constantFrom("shop1", " shop2 "),
      channel: fc.constantFrom("app", "web", "", undefined),
      sku: fc.constantFrom("", "MUG-1", undefined),
      hour: fc.constantFrom(undefined, "", 0, 23, "7"),
      uv: count,
      pv: count,
      orders: count,
      buyers: count,
      gmv: money,
      refunds: money,
      ad_spend: money,
    });
    let accepted = 0;
    fc.assert(
      fc.property(plausible, (raw) => {
        const fast = validateMetricRow(raw as Record<string, unknown>, 1);
        expect(fast).toEqual(validateWithSchema(raw as Record<string, unknown>, 1));
        if (plainRow(raw as Record<string, unknown>)) accepted++;
      }),
      { numRuns: 2000 },
    );
    // The fast path itself took most of them (the point of it), and agreed each time.
    expect(accepted).toBeGreaterThan(1500);
  });
});

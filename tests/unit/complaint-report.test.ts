// The complaint report reads as text: no "n/a/5" without ratings, no "0s" for a sub-second median.
import { describe, expect, it } from "vitest";
import { reportAnswer } from "../../src/features/complaints/blocks-answers.ts";
import { buildReport } from "../../src/features/complaints/report.ts";
import { translator } from "../../src/infra/i18n.ts";

const at = (ms: number) => new Date(Date.UTC(2026, 10, 28) + ms);
const kase = (ackMs: number, satisfaction: number | null) => ({
  cause: "quality",
  tier: 1,
  startTier: 1,
  escalations: 0,
  breaches: 0,
  urgency: "urgent",
  createdAt: at(0),
  acknowledgedAt: at(ackMs),
  resolvedAt: at(60_000),
  satisfaction,
});

describe("complaint report", () => {
  it("says 'no ratings yet' instead of n/a/5, and 'under 1s' instead of 0s", () => {
    const text = String(
      reportAnswer(translator("en"), buildReport([kase(400, null)] as never), "2026-11-01", "2026-11-30").text,
    );
    expect(text).toContain("*Satisfaction*: no ratings yet");
    expect(text).not.toContain("n/a/5");
    expect(text).toContain("to acknowledge under 1s");
    expect(text).not.toMatch(/\b0s\b/);
  });

  it("gives a second and more as a duration, and the average rating out of 5", () => {
    const text = String(
      reportAnswer(translator("en"), buildReport([kase(1500, 5), kase(1500, 4)] as never), "2026-11-01", "2026-11-30")
        .text,
    );
    expect(text).toContain("to acknowledge 2s");
    expect(text).toContain("*Satisfaction*: 4.5/5 from 2 ratings");
  });
});

// Webhook problems in the sender's terms, not the validation library's.
import { describe, expect, it } from "vitest";
import { parseJsonMetrics } from "../../src/features/metrics/parse-batch.ts";
import { parseJsonReviews } from "../../src/features/reviews/parse-batch.ts";

describe("webhook problems", () => {
  it("say a field is missing, or what was expected and what came", () => {
    expect(
      parseJsonReviews(
        '[{"platform":"jd","review_id":"R1","rating":5,"text":"ok","time":"2026-11-27 10:00"}]',
        "Asia/Shanghai",
      ).problems,
    ).toEqual([{ row: 1, field: "sku", message: "missing (required)" }]);
    expect(
      parseJsonMetrics('[{"date":"2026-11-01","store":7,"channel":"app","uv":1,"buyers":1,"orders":1,"gmv":1}]')
        .problems,
    ).toEqual([{ row: 1, field: "store", message: "expected text, got a number" }]);
    const all = JSON.stringify([
      parseJsonReviews('[{"platform":"jd"}]', "Asia/Shanghai").problems,
      parseJsonMetrics('[{"date":"2026-11-01"}]').problems,
    ]);
    expect(all).not.toMatch(/Invalid input|nonoptional|received undefined/);
  });

  it("an object that is not a review is named as such, not picked apart field by field", () => {
    expect(parseJsonReviews('{"hello":"world"}', "Asia/Shanghai").problems).toEqual([
      {
        row: 0,
        field: "body",
        message: 'expected a JSON array of reviews (or {"reviews": [...]}); got an object without review fields',
      },
    ]);
  });
});

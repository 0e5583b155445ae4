// Stored JSON is parsed with its shape: a bad row fails where it is read, naming the column.
import { describe, expect, it } from "vitest";
import { RemedyShape } from "../../src/features/complaints/remedy.ts";
import { Ids, stored, StoredDataError } from "../../src/infra/db/stored.ts";

describe("stored JSON", () => {
  it("returns the value when it has the shape", () => {
    expect(stored(Ids, '["U1","U2"]', "task R")).toEqual(["U1", "U2"]);
    expect(
      stored(
        RemedyShape,
        JSON.stringify({ kind: "coupon", amount: 20, note: "", status: "proposed", proposedBy: "U1" }),
        "complaint remedy",
      ).kind,
    ).toBe("coupon");
  });

  it("names the column and what is wrong otherwise", () => {
    expect(() => stored(Ids, "not json", "task R")).toThrow(new StoredDataError("task R", "not JSON"));
    expect(() =>
      stored(
        RemedyShape,
        JSON.stringify({ kind: "cash", amount: 20, note: "", status: "proposed", proposedBy: "U1" }),
        "complaint remedy",
      ),
    ).toThrow(/stored complaint remedy .*kind/);
    expect(() => stored(Ids, "[1]", "review alert")).toThrow(/stored review alert .*0: /);
  });
});

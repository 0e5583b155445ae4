// A CSV's chunks cross from the reader thread packed into one string (sheet-worker.mjs); every
// cell must come back as it was, including cells that hold the separators packing uses and rows
// wider or narrower than the rest.
import { describe, expect, it } from "vitest";
import { openSheet, unpack } from "../../src/intake/exports/sheet.ts";

/** Every row of a CSV as the reader gives it, with `columns` picked when given. */
async function readAll(csv: string, columns?: number[]) {
  const sheet = await openSheet({ bytes: new TextEncoder().encode(csv) }, "t.csv", 3);
  const rows: string[][] = [];
  for await (const chunk of sheet.rows(0, columns)) rows.push(...chunk);
  return rows;
}

const body = (n: number) => Array.from({ length: n }, (_, i) => `o${i},${i}.5,2026-11-11 0${i % 10}:00`);

describe("rows from the reader thread", () => {
  it("come back cell for cell, projected, past the head rows and over many chunks", async () => {
    const lines = ["订单编号,金额,时间", ...body(70)];
    const rows = await readAll(lines.join("\n") + "\n", [2, 0, 1]);
    expect(rows).toHaveLength(71);
    expect(rows[0]).toEqual(["时间", "订单编号", "金额"]);
    expect(rows[45]).toEqual(["2026-11-11 04:00", "o44", "44.5"]);
    expect(rows[70]).toEqual(["2026-11-11 09:00", "o69", "69.5"]);
  });

  it("keep cells that hold the unit or record separator, in a file that therefore is not packed", async () => {
    const lines = ["a,b,c", ...body(40), '"x\u001fy","p\u001eq",z', ...body(5)];
    const rows = await readAll(lines.join("\n"), [2, 0, 1]);
    expect(rows).toHaveLength(47);
    expect(rows[41]).toEqual(["z", "x\u001fy", "p\u001eq"]);
  });

  it("keep a totals line narrower than the table, and empty cells", async () => {
    const lines = ["a,b,c", ...body(40), "合计,,", "合计", ",,"];
    const rows = await readAll(lines.join("\n"));
    expect(rows.slice(-3)).toEqual([["合计", "", ""], ["合计"], ["", "", ""]]);
  });

  it("unpack reverses the reader's packing", () => {
    expect(unpack("a\u001fb\u001e\u001fc")).toEqual([
      ["a", "b"],
      ["", "c"],
    ]);
  });
});

// The bot's own CSV columns: a file in other columns (a platform's export) is told so from its
// header line, whatever the rest holds; a file in the bot's columns is read whole.
import { describe, expect, it } from "vitest";
import { readCsvTable } from "../../src/infra/csv.ts";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("readCsvTable", () => {
  it("names the header's problem from the header line, without reading the rows", () => {
    // Rows that are not CSV at all (an unclosed quote): only the header is looked at.
    const r = readCsvTable(bytes('订单编号,总金额\n"T1,¥10\n'), ["date", "store", "gmv"], ["date", "store"]);
    expect(r.rows).toEqual([]);
    expect(r.problems).toEqual([
      {
        row: 1,
        field: "header",
        message: "missing column(s): date, store; unknown column(s): 订单编号, 总金额. Columns: date, store, gmv",
      },
    ]);
  });

  it("reads a file in the bot's columns, a blank first line and a BOM included", () => {
    const r = readCsvTable(bytes("\uFEFFdate,store,gmv\n2026-11-11,shop1,10\n"), ["date", "store", "gmv"], ["date"]);
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([{ row: 2, raw: { date: "2026-11-11", store: "shop1", gmv: "10" } }]);
    const blank = readCsvTable(bytes("\ndate,store\n2026-11-11,shop1\n"), ["date", "store"], ["date"]);
    expect(blank.rows.map((x) => x.raw)).toEqual([{ date: "2026-11-11", store: "shop1" }]);
  });
});

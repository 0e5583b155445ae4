// The reader thread sends only the columns a preset reads; rows read from the projection are the
// rows read from the whole file.
import * as XLSX from "@e965/xlsx";
import { describe, expect, it } from "vitest";
import { isMatch, matchPreset, projectMatch } from "../../src/intake/exports/match.ts";
import { loadPresets } from "../../src/intake/exports/preset.ts";
import { openSheet } from "../../src/intake/exports/sheet.ts";
import { exportFixtures } from "../support/export-fixtures.ts";

const presets = loadPresets("/nonexistent").presets;

async function read(bytes: Buffer, name: string, project: boolean) {
  const sheet = await openSheet({ bytes: new Uint8Array(bytes) }, name);
  const m = matchPreset(sheet.heads, presets, ["metrics", "orders", "reviews"]);
  if (!isMatch(m)) throw new Error(`${name}: no preset`);
  const p = projectMatch(m);
  const rows: string[][] = [];
  for await (const chunk of sheet.rows(m.sheet, project ? p.keep : undefined)) rows.push(...chunk);
  const match = project ? p.match : m;
  // Each field of each row as the reader would see it.
  return rows.map((r) => Object.fromEntries(Object.entries(match.columns).map(([f, i]) => [f, r[i] ?? ""])));
}

describe("the columns a read needs", () => {
  it("keeps the first two and the mapped ones, in order, and renames nothing", () => {
    const m = {
      preset: presets[0]!,
      sheet: 0,
      headerRow: 2,
      columns: { amount: 6, order_id: 0, created_at: 9 },
      header: ["订单编号", "买家会员名", "b", "c", "d", "e", "买家实际支付金额", "f", "g", "订单创建时间", "h"],
    };
    const p = projectMatch(m);
    expect(p.keep).toEqual([0, 1, 6, 9]);
    expect(p.match.columns).toEqual({ amount: 2, order_id: 0, created_at: 3 });
    expect(p.match.header).toEqual(["订单编号", "买家会员名", "买家实际支付金额", "订单创建时间"]);
  });

  it("reads every fixture's fields the same from the projection as from the whole row: CSV in GBK, .xls, .xlsx", async () => {
    for (const x of exportFixtures()) {
      const whole = await read(x.bytes, x.name, false);
      const projected = await read(x.bytes, x.name, true);
      expect(projected, x.name).toEqual(whole);
      expect(whole.length, x.name).toBeGreaterThan(1);
    }
  });

  it("reads an empty row inside a spreadsheet's table as a row of empty cells (a hole in the sheet's data)", async () => {
    const wb = XLSX.utils.book_new();
    const head = ["日期", "成交金额", "成交订单数", "成交人数", "商品访客数", "商品曝光人数", "退款金额"];
    const rows = [
      head,
      ["2026/11/10", "2.1万", 300, 290, "9,000", "5.5万", "¥800"],
      [],
      ["2026/11/11", "3.5万", 480, 455, "1.1万", "8万", "¥1"],
    ];
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), "Sheet1");
    const read1 = await read(XLSX.write(wb, { type: "buffer", bookType: "xlsx" }) as Buffer, "罗盘.xlsx", true);
    expect(read1).toHaveLength(4);
    expect(Object.values(read1[2]!).every((v) => v === "")).toBe(true);
    expect(read1[3]!.date).toBe("2026/11/11");
  });
});

// A CSV's chunks cross from the reader thread packed into one string (sheet-worker.mjs); every
// cell must come back as it was, including cells that hold the separators packing uses and rows
// wider or narrower than the rest.
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { openSheet, unpack } from "../../src/intake/exports/sheet.ts";

/** Every row of a CSV as the reader gives it, with `columns` picked when given. */
async function readAll(csv: string | Uint8Array, columns?: number[], piece?: number) {
  const bytes = typeof csv === "string" ? new TextEncoder().encode(csv) : csv;
  const sheet = await openSheet({ bytes }, "t.csv", 3, piece);
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

  // The reader decodes a file a piece at a time (here 1,000 bytes; a megabyte in the bot): a
  // character cut by a piece's end, a first line longer than a piece, and a separator first met in
  // a later piece, after rows were packed.
  it("come back whole from a file of many pieces, in GBK, UTF-16 and UTF-8 with BOM", async () => {
    const wide = "标".repeat(1500);
    const rows = Array.from({ length: 400 }, (_, i) => [`订单${i}`, `保温杯${"容".repeat(i % 7)}`, `${i}.5`]);
    rows[300]![1] = "带\u001f分隔";
    const lines = [["编号", wide, "金额"], ...rows].map((r) => r.join(","));
    const text = lines.join("\r\n") + "\r\n";
    const files: [string, Uint8Array][] = [
      ["gbk", iconv.encode(text, "gbk")],
      // Excel's "Unicode text" starts with its byte-order mark.
      ["utf-16le", iconv.encode(text, "utf-16le", { addBOM: true })],
      ["utf-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")])],
    ];
    for (const [encoding, bytes] of files) {
      expect(bytes.length, encoding).toBeGreaterThan(10_000);
      const got = await readAll(bytes, [0, 1, 2], 1000);
      expect(got.length, encoding).toBe(lines.length);
      expect(got[0]![1] === wide, encoding).toBe(true);
      expect(got.slice(1), encoding).toEqual(rows);
    }
  });

  it("unpack reverses the reader's packing", () => {
    expect(unpack("a\u001fb\u001e\u001fc")).toEqual([
      ["a", "b"],
      ["", "c"],
    ]);
  });
});

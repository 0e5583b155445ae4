// A download of an export is parsed as it arrives (src/infra/growing-file.ts, sheet-worker.mjs):
// the reader starts before the last byte, reads every row as a whole file would give it, tells
// GBK from UTF-8 as it would have with the whole file, and stops with a clear error when the
// download stops short.
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { GrowingFile } from "../../src/infra/growing-file.ts";
import { openSheet, SheetError } from "../../src/intake/exports/sheet.ts";

/** Bytes read by the reader a kilobyte at a time: a megabyte in the bot. */
const PIECE = 1000;

const rowsOf = (n: number) =>
  Array.from({ length: n }, (_, i) => [`订单${i}`, `保温杯${"容".repeat(i % 5)}`, `${i}.5`]);
const csv = (head: string[], rows: string[][]) => [head, ...rows].map((r) => r.join(",")).join("\r\n") + "\r\n";

/** Feeds the bytes into the file in steps, the event loop turning between them (as a download's chunks come). */
async function arrive(file: GrowingFile, bytes: Uint8Array, from: number, to: number, step = 700) {
  for (let at = from; at < to; at += step) {
    file.append(bytes.subarray(at, Math.min(to, at + step)));
    await new Promise((r) => setImmediate(r));
  }
}

async function readRows(sheet: Awaited<ReturnType<typeof openSheet>>) {
  const rows: string[][] = [];
  for await (const chunk of sheet.rows(0, [0, 1, 2])) rows.push(...chunk);
  return rows;
}

describe("an export read while its download arrives", () => {
  it("gives its header before the download ends, then every row as the whole file would", async () => {
    const rows = rowsOf(3000);
    const bytes = iconv.encode(csv(["订单编号", "商品", "金额"], rows), "gbk");
    const file = new GrowingFile(bytes.length);
    await arrive(file, bytes, 0, 5000);
    const sheet = await openSheet({ growing: file.shared }, "orders.csv", 500, PIECE);
    // The header came from the first piece alone: most of the file has not arrived yet.
    expect(sheet.heads[0]!.rows[0]).toEqual(["订单编号", "商品", "金额"]);
    const reading = readRows(sheet);
    await arrive(file, bytes, 5000, bytes.length);
    expect(file.end()).toBe(true);
    const got = await reading;
    expect(got.slice(1)).toEqual(rows);
  });

  it("reads a GBK file whose first piece is plain ASCII once it has all come, as GBK", async () => {
    // An English header and ASCII rows for more than a piece, then Chinese: the first piece
    // can't tell GBK from UTF-8, so the reader waits for the whole file and checks all of it.
    const rows = [...Array.from({ length: 200 }, (_, i) => [`o${i}`, "cup", `${i}.5`]), ...rowsOf(50)];
    const bytes = iconv.encode(csv(["order", "item", "amount"], rows), "gbk");
    const file = new GrowingFile(bytes.length);
    await arrive(file, bytes, 0, 2 * PIECE);
    const opening = openSheet({ growing: file.shared }, "orders.csv", 500, PIECE);
    await arrive(file, bytes, 2 * PIECE, bytes.length);
    file.end();
    const got = await readRows(await opening);
    expect(got.slice(1)).toEqual(rows);
  });

  it("stops with an unreadable file when the download stops short", async () => {
    const bytes = iconv.encode(csv(["订单编号", "商品", "金额"], rowsOf(3000)), "gbk");
    const file = new GrowingFile(bytes.length);
    await arrive(file, bytes, 0, 5000);
    const sheet = await openSheet({ growing: file.shared }, "orders.csv", 500, PIECE);
    const reading = readRows(sheet);
    await arrive(file, bytes, 5000, 20_000);
    expect(file.end()).toBe(false);
    const failed = await reading.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(SheetError);
    expect((failed as SheetError).code).toBe("unreadable");
    expect((failed as SheetError).message).toMatch(/download stopped/);
  });

  it("opens a spreadsheet once all of it has come", async () => {
    const XLSX = await import("@e965/xlsx");
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([["订单编号", "商品", "金额"], ...rowsOf(100)]), "S");
    const bytes = new Uint8Array(XLSX.write(wb, { type: "buffer", bookType: "xlsx" }) as Buffer);
    const file = new GrowingFile(bytes.length);
    await arrive(file, bytes, 0, 100);
    const opening = openSheet({ growing: file.shared }, "orders.xlsx", 500, PIECE);
    await arrive(file, bytes, 100, bytes.length);
    file.end();
    const got = await readRows(await opening);
    expect(got.slice(1)).toEqual(rowsOf(100));
  });
});

// NDJSON bodies read in batches: lines split across chunks (even inside a multi-byte character),
// CRLF, blank lines, bad lines named by number, and the size limits.
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ndjsonBatches, NdjsonTooLarge } from "../../src/infra/ndjson.ts";

const body = (chunks: (string | Buffer)[]) =>
  Readable.from(chunks.map((c) => (typeof c === "string" ? Buffer.from(c) : c))) as unknown as Parameters<
    typeof ndjsonBatches
  >[0];
const all = async (it: AsyncIterable<unknown[]>) => {
  const out: unknown[] = [];
  for await (const b of it) out.push(...b);
  return out;
};
const limits = { maxBytes: 1e6, maxLineBytes: 1000, batchLines: 2 };

describe("NDJSON batches", () => {
  it("joins lines split across chunks, even inside a character, and numbers every line", async () => {
    const zh = Buffer.from('{"t":"杯子"}\n');
    const cut = zh.indexOf(Buffer.from("子")) + 1; // in the middle of 子's three bytes
    const lines = await all(
      ndjsonBatches(
        body(['{"a":1}\r\n\n{"a"', ":2}\n", zh.subarray(0, cut), zh.subarray(cut), "not json\n", '{"a":3}']),
        limits,
      ),
    );
    expect(lines).toEqual([
      { row: 1, value: { a: 1 } },
      { row: 3, value: { a: 2 } },
      { row: 4, value: { t: "杯子" } },
      { row: 5, error: "not JSON" },
      { row: 6, value: { a: 3 } },
    ]);
  });

  it("stops at the body and line limits", async () => {
    await expect(all(ndjsonBatches(body(["{}\n".repeat(400)]), { ...limits, maxBytes: 1000 }))).rejects.toBeInstanceOf(
      NdjsonTooLarge,
    );
    await expect(all(ndjsonBatches(body(["{" + '"x":1,'.repeat(300)]), limits))).rejects.toMatchObject({
      what: "line",
    });
  });
});

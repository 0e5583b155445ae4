// NDJSON request bodies read as they arrive: one JSON value per line, handed over in batches,
// so a million-row upload never sits whole in memory. The stream is pulled (for await), so the
// sender is held back while a batch is stored. A newline byte never occurs inside a UTF-8
// multi-byte character, so splitting the bytes on it is safe.
import type { IncomingMessage } from "node:http";

export interface Line {
  /** 1-based line number in the body. */
  row: number;
  value?: unknown;
  /** Set when the line is not JSON. */
  error?: string;
}

export class NdjsonTooLarge extends Error {
  constructor(
    readonly limit: number,
    readonly what: "body" | "line",
  ) {
    super(`${what} over ${limit} bytes`);
  }
}

export interface NdjsonLimits {
  maxBytes: number;
  maxLineBytes: number;
  batchLines: number;
}

export const NDJSON_TYPES = /^application\/(x-ndjson|ndjson|jsonl|x-jsonlines|jsonlines)\b/i;

export async function* ndjsonBatches(
  req: AsyncIterable<Buffer> & Pick<IncomingMessage, "resume">,
  limits: NdjsonLimits,
): AsyncGenerator<Line[]> {
  let bytes = 0;
  let row = 0;
  let rest: Buffer = Buffer.alloc(0);
  let batch: Line[] = [];
  const take = (line: Buffer) => {
    row++;
    const text = line.toString("utf8").trim();
    if (!text) return;
    try {
      batch.push({ row, value: JSON.parse(text) as unknown });
    } catch {
      batch.push({ row, error: "not JSON" });
    }
  };
  for await (const chunk of req) {
    bytes += chunk.length;
    if (bytes > limits.maxBytes) {
      req.resume();
      throw new NdjsonTooLarge(limits.maxBytes, "body");
    }
    const data = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let nl = data.indexOf(0x0a, start); nl >= 0; nl = data.indexOf(0x0a, start)) {
      take(data.subarray(start, nl));
      start = nl + 1;
    }
    rest = Buffer.from(data.subarray(start));
    if (rest.length > limits.maxLineBytes) {
      req.resume();
      throw new NdjsonTooLarge(limits.maxLineBytes, "line");
    }
    if (batch.length >= limits.batchLines) {
      yield batch;
      batch = [];
    }
  }
  if (rest.length) take(rest);
  if (batch.length) yield batch;
}

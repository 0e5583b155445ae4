// A platform's export file as rows of text: .xlsx, .xls, CSV or tab-separated text in UTF-8,
// UTF-8 with BOM, UTF-16 or GBK. The parsing runs in sheet-worker.mjs, on a thread of its own;
// this side sees each sheet's first rows (to find the header), picks one, then pulls the rows in
// chunks, so the event loop only ever holds a chunk.
import { Worker } from "node:worker_threads";
import { withDefaultYoungGeneration } from "../../infra/worker-heap.ts";
import type { SharedGrowingFile } from "../../infra/growing-file.ts";

/** The reader thread's heap: a million-row .xlsx takes about 2 GB. */
const READER_HEAP_MB = 4096;

/**
 * A file on disk, bytes handed over (the reader thread takes their memory; the caller's view is
 * emptied), or a download still arriving into memory shared with the reader (growing-file.ts).
 */
export type ExportSource = { path: string } | { bytes: Uint8Array } | { growing: SharedGrowingFile };

/** A source as it crosses to another thread: bytes as handOver sends them, the others as they are. */
export type CrossingSource = Exclude<ExportSource, { bytes: Uint8Array }> | HandedBytes;

export type SheetErrorCode = "encrypted" | "unreadable" | "empty";

export class SheetError extends Error {
  constructor(
    readonly code: SheetErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface SheetHead {
  name: string;
  /** The sheet's first rows (up to 30), each cell as text. */
  rows: string[][];
}

export interface OpenSheet {
  heads: SheetHead[];
  /**
   * The chosen sheet's rows from its first, in chunks; with `columns`, each row holds only those
   * cells, in that order. Call once.
   */
  rows(sheet: number, columns?: number[]): AsyncIterable<string[][]>;
  close(): Promise<void>;
}

type FromWorker =
  | { type: "heads"; sheets: SheetHead[] }
  | { type: "rows"; rows: string[][] }
  | { type: "rows"; packed: string }
  | { type: "end" }
  | { type: "error"; code: SheetErrorCode; message: string };

/** Bytes as they go to another thread: their memory moves with them where it can (handedBytes rebuilds them). */
export interface HandedBytes {
  bytes: ArrayBufferLike | Uint8Array;
  /** Where the bytes are in a buffer that moved whole. */
  at?: [offset: number, length: number];
}

/**
 * The bytes' memory moves to the other thread instead of being copied (copying a 130 MB export
 * held the event loop for about 100 ms): a buffer of their own, or a view into a large one, as a
 * download gives. Small buffers may share Node's pool with others, and are copied.
 */
export function handOver(bytes: Uint8Array): { data: HandedBytes; transferList: ArrayBuffer[] } {
  const own = bytes.buffer.byteLength > 1 << 16 && bytes.buffer instanceof ArrayBuffer;
  return own
    ? {
        data: { bytes: bytes.buffer, at: [bytes.byteOffset, bytes.byteLength] },
        transferList: [bytes.buffer as ArrayBuffer],
      }
    : { data: { bytes }, transferList: [] };
}

/** The bytes handOver sent, on the receiving thread. */
export const handedBytes = (d: HandedBytes): Uint8Array =>
  d.at ? new Uint8Array(d.bytes as ArrayBuffer, d.at[0], d.at[1]) : (d.bytes as Uint8Array);

/** A chunk the reader packed into one string (sheet-worker.mjs's pack()), as rows again. */
export const unpack = (packed: string): string[][] => packed.split("\u001e").map((row) => row.split("\u001f"));

/** The reader thread, given the file (its bytes handed over where they can be). */
function startReader(source: ExportSource, name: string, chunk: number, piece?: number): Worker {
  const file = import.meta.url.endsWith(".ts") ? "./sheet-worker.mjs" : "./sheet-worker.js";
  const handed = "bytes" in source ? handOver(source.bytes) : undefined;
  return new Worker(new URL(file, import.meta.url), {
    workerData: {
      path: "path" in source ? source.path : undefined,
      growing: "growing" in source ? source.growing : undefined,
      ...handed?.data,
      name,
      chunk,
      piece,
    },
    transferList: handed?.transferList ?? [],
    // A workbook that unpacks past this (a zip bomb, or simply too big) stops the reader, not the bot.
    resourceLimits: { maxOldGenerationSizeMb: READER_HEAP_MB },
  });
}

export async function openSheet(
  source: ExportSource,
  name: string,
  chunk = 500,
  /** Bytes of a CSV decoded at a time (the reader's own size when not given; tests cut smaller). */
  piece?: number,
): Promise<OpenSheet> {
  // A reader parsing a million rows in the main thread's small young generation spent about 5 s
  // of CPU more collecting garbage.
  const worker = withDefaultYoungGeneration(() => startReader(source, name, chunk, piece));
  const inbox: FromWorker[] = [];
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  worker.on("message", (m: FromWorker) => {
    inbox.push(m);
    wake?.();
  });
  worker.on("error", (e) => {
    failure =
      (e as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY"
        ? new SheetError("unreadable", `it needs more than ${READER_HEAP_MB} MB of memory to read; split it`)
        : e;
    wake?.();
  });
  worker.on("exit", (code) => {
    failure ??= code ? new Error(`the file reader stopped (${code})`) : undefined;
    inbox.push({ type: "end" });
    wake?.();
  });
  const receive = async (): Promise<FromWorker> => {
    while (!inbox.length && !failure) await new Promise<void>((r) => (wake = r));
    if (failure) throw failure;
    return inbox.shift()!;
  };
  const close = async () => void (await worker.terminate());
  const first = await receive();
  if (first.type === "error") {
    await close();
    throw new SheetError(first.code, first.message);
  }
  if (first.type !== "heads") {
    await close();
    throw new SheetError("empty", "the file has no rows");
  }
  let taken = false;
  return {
    heads: first.sheets,
    close,
    rows(sheet, columns) {
      if (taken) throw new Error("rows() is called once");
      taken = true;
      worker.postMessage({ type: "pick", sheet, columns });
      return {
        async *[Symbol.asyncIterator]() {
          try {
            for (;;) {
              const m = await receive();
              if (m.type === "end") return;
              if (m.type === "error") throw new SheetError(m.code, m.message);
              if (m.type !== "rows") continue;
              yield "packed" in m ? unpack(m.packed) : m.rows;
              worker.postMessage({ type: "more" });
            }
          } finally {
            await close();
          }
        },
      };
    },
  };
}

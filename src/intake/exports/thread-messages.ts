// What the bot and the thread that reads an export (export-thread.ts) say to each other.
import type { Preset } from "./preset.ts";
import type { ConvertData, ReadOutcome, ReadRequest } from "./read-export.ts";
import type { CrossingSource } from "./sheet.ts";

export interface ThreadData {
  kind: "metrics" | "reviews";
  req: Omit<ReadRequest, "source"> & { source: CrossingSource };
  /** The bot's SQLite file, when the thread may store rows itself in a lent turn. */
  dbPath?: string;
}

/** Thread → bot. `open`, `items` and `turn` wait for a `go`; `stored` ends a lent turn. */
export type FromThread =
  | { type: "open"; preset: Preset; o: ConvertData }
  | { type: "items"; items: unknown[] }
  | { type: "turn" }
  | { type: "stored"; report?: unknown }
  | { type: "outcome"; outcome: ReadOutcome }
  | { type: "fail"; message: string };

export type ToThread = { type: "go" };

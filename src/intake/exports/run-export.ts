// Reading a platform's export, the bot's side: the whole pass (read-export.ts) runs on a thread of
// its own (export-thread.ts), so a million-row file costs the event loop a few messages. The bot
// stores what the thread hands it through the feature's stream, lends its SQLite connection's
// turn when the thread stores rows itself, and sums up at the end (the stream's finish).
import type { Deps } from "../../deps.ts";
import { startThread } from "../../infra/thread.ts";
import { withDefaultYoungGeneration } from "../../infra/worker-heap.ts";
import type { Stream } from "../intake.ts";
import type { Match, Miss } from "./match.ts";
import type { Preset } from "./preset.ts";
import type { ConvertOptions, ExportReading, ExportSource, ReadOutcome, ReadRequest } from "./read-export.ts";
import { handOver, type CrossingSource, type HandedBytes, type SheetErrorCode } from "./sheet.ts";
import { ExportSummary } from "./summary.ts";
import type { FromThread, ThreadData } from "./thread-messages.ts";
import { localHours } from "./values.ts";

export type { ConvertOptions, ExportSource };

/** A feature's side of platform exports: its reading half, and storing in the bot. */
export interface ExportIntake<T> extends ExportReading<T> {
  /** `stored` takes the report of records the reading thread stored itself (ExportReading.storer). */
  stream(deps: Deps, preset: Preset, o: ConvertOptions): Stream<T> & { stored?(report: unknown): void };
}

export type ExportRequest = Omit<ReadRequest, "presetsDir" | "teamZone">;

export type ExportOutcome =
  | { kind: "read"; match: Match; store: string; summary: ExportSummary; totals?: Record<string, number> }
  | { kind: "no-match"; miss: Miss }
  | { kind: "unreadable"; code: SheetErrorCode; message: string };

function start(deps: Deps, kind: ThreadData["kind"], req: ExportRequest): import("node:worker_threads").Worker {
  const handed = "bytes" in req.source ? handOver(req.source.bytes) : undefined;
  const data: ThreadData = {
    kind,
    req: {
      ...req,
      source: handed?.data ?? (req.source as Exclude<CrossingSource, HandedBytes>),
      presetsDir: deps.config.IMPORT_PRESETS_DIR,
      teamZone: deps.config.DEFAULT_TIMEZONE,
    },
    dbPath: req.write ? deps.sql.shared?.path : undefined,
  };
  // The thread churns through every row: V8's default young generation, not the bot's small one.
  return withDefaultYoungGeneration(() =>
    startThread(import.meta.url, "export-thread", "export-thread", {
      workerData: data,
      transferList: handed?.transferList ?? [],
    }),
  );
}

export async function runExport<T>(deps: Deps, intake: ExportIntake<T>, req: ExportRequest): Promise<ExportOutcome> {
  const local = localHours(deps.config.DEFAULT_TIMEZONE);
  const thread = start(deps, intake.kind, req);
  let sink: ReturnType<ExportIntake<T>["stream"]> | undefined;
  /** Ends the turn lent to the thread. */
  let release: (() => void) | undefined;
  const outcome = await new Promise<ReadOutcome>((resolve, reject) => {
    let settled = false;
    const end = (f: () => void) => {
      if (settled) return;
      settled = true;
      release?.();
      void thread.terminate();
      f();
    };
    const fail = (e: unknown) => end(() => reject(e));
    const go = () => thread.postMessage({ type: "go" });
    thread.on("message", (m: FromThread) => {
      if (m.type === "open") {
        sink = intake.stream(deps, m.preset, { ...m.o, local: localHours(m.o.teamZone) });
        go();
      } else if (m.type === "items") sink!.add(m.items as T[]).then(go, fail);
      else if (m.type === "turn") {
        const lend = deps.sql.shared!.lend(() => new Promise<void>((r) => ((release = r), go())));
        lend.catch(fail);
      } else if (m.type === "stored") {
        if (m.report !== undefined) sink?.stored?.(m.report);
        release?.();
        release = undefined;
      } else if (m.type === "outcome") end(() => resolve(m.outcome));
      else fail(new Error(m.message));
    });
    thread.on("error", fail);
    thread.on("exit", (code) => fail(new Error(`the export reader stopped (${code})`)));
  });
  if (outcome.kind !== "read") return outcome;
  const totals = outcome.stored && sink ? await sink.finish() : undefined;
  const { match, store } = outcome;
  return { kind: "read", match, store, summary: ExportSummary.of(outcome.summary, local), totals };
}

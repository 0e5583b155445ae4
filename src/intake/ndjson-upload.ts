// The streamed half of the data webhooks: an NDJSON body taken in batch by batch. Unlike a JSON
// batch (refused whole when a row is bad), a stream is stored as it arrives: bad lines are skipped
// and named in the answer (line, field, problem), so the sender re-sends only those. Progress
// shows in the log and in /metrics (shopops_ingested_rows_total, shopops_ingests_running).
import { monotonicMs } from "../infra/clock.ts";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Deps } from "../deps.ts";
import { sendJson } from "../infra/http-body.ts";
import { ndjsonBatches, NdjsonTooLarge } from "../infra/ndjson.ts";

/** What one upload may hold: 2 GiB (about 10 million metric rows), lines up to 1 MiB. */
export const UPLOAD_LIMITS = { maxBytes: 2 * 1024 ** 3, maxLineBytes: 1024 ** 2, batchLines: 1000 };

export interface Problem {
  row: number;
  field: string;
  message: string;
}

export interface NdjsonSink<T> {
  kind: "metrics" | "reviews";
  validate(value: unknown, row: number): { ok: true; item: T } | { ok: false; problems: Problem[] };
  add(items: T[]): Promise<void>;
  finish(): Promise<Record<string, number>>;
}

export async function takeNdjson<T>(
  deps: Deps,
  req: IncomingMessage,
  res: ServerResponse,
  sink: NdjsonSink<T>,
  limits = UPLOAD_LIMITS,
): Promise<void> {
  const problems: Problem[] = [];
  let skipped = 0;
  let good = 0;
  deps.metrics.ingestsRunning.inc({ kind: sink.kind });
  const started = monotonicMs();
  try {
    for await (const batch of ndjsonBatches(req, limits)) {
      const items: T[] = [];
      for (const line of batch) {
        const v = line.error
          ? { ok: false as const, problems: [{ row: line.row, field: "line", message: line.error }] }
          : sink.validate(line.value, line.row);
        if (v.ok) items.push(v.item);
        else {
          skipped++;
          if (problems.length < 100) problems.push(...v.problems.slice(0, 100 - problems.length));
        }
      }
      good += items.length;
      if (items.length) await sink.add(items);
    }
  } catch (e) {
    if (!(e instanceof NdjsonTooLarge)) throw e;
    const totals = await sink.finish();
    deps.log.warn(
      { kind: sink.kind, limit: e.limit, what: e.what, ...totals },
      "upload over the limit; what came before it is stored",
    );
    return sendJson(res, 413, {
      error: "too_large",
      hint:
        e.what === "body"
          ? `send at most ${e.limit} bytes per request; split the file`
          : `a line may hold at most ${e.limit} bytes`,
      ...totals,
      skipped,
      problems,
    });
  } finally {
    deps.metrics.ingestsRunning.dec({ kind: sink.kind });
  }
  deps.metrics.ingestedRows.inc({ kind: sink.kind, outcome: "skipped" }, skipped);
  const totals = await sink.finish();
  deps.log.info(
    { kind: sink.kind, rows: good, skipped, seconds: (monotonicMs() - started) / 1000, ...totals },
    "upload taken in",
  );
  if (good === 0)
    return sendJson(
      res,
      400,
      problems.length
        ? { error: "invalid_rows", skipped, problems }
        : { error: "empty", hint: "send one JSON object per line" },
    );
  sendJson(res, 200, { ok: true, ...totals, skipped, problems });
}

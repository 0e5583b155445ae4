// Downloads of the files people share, each on a thread of its own (download-thread.ts) so that
// a large file's bytes never pass through the event loop: the loop only learns that the file is
// whole, or gets the shared memory a reader thread parses as it fills.
import type { ArrivingFile } from "../infra/growing-file.ts";
import { startThread } from "../infra/thread.ts";
import { withDefaultYoungGeneration } from "../infra/worker-heap.ts";
import { ForeignHostError, SlackCallError } from "./call-errors.ts";
import type { DownloadJob, FromDownload } from "./download.ts";

const failed = (m: Extract<FromDownload, { type: "failed" }>) =>
  m.foreignUrl ? new ForeignHostError(m.foreignUrl) : new SlackCallError(m.failure);

/** The whole file. */
export async function download(job: DownloadJob): Promise<Buffer> {
  const got = await downloadGrowing({ ...job, whole: true });
  if (Buffer.isBuffer(got)) return got;
  throw new Error("a whole download came back as it arrives");
}

/** The file as it arrives when the server declares its size, else (or when asked) whole. */
export function downloadGrowing(job: DownloadJob): Promise<Buffer | ArrivingFile> {
  // The bytes churn through fetch's buffers: V8's default young generation, not the bot's small one.
  const thread = withDefaultYoungGeneration(() =>
    startThread(import.meta.url, "download-thread", "download-thread", { workerData: job }),
  );
  // A download never keeps a stopping bot alive.
  thread.unref();
  let finish!: { resolve: () => void; reject: (e: unknown) => void };
  const done = new Promise<void>((resolve, reject) => (finish = { resolve, reject }));
  // Settled by whoever reads the file; never an unhandled rejection if nobody does.
  done.catch(() => {});
  return new Promise((resolve, reject) => {
    let growing = false;
    const fail = (e: unknown) => (growing ? finish.reject(e) : reject(e));
    thread.on("message", (m: FromDownload) => {
      if (m.type === "whole") resolve(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
      else if (m.type === "growing") {
        growing = true;
        resolve({ shared: m.shared, done });
      } else if (m.type === "done") finish.resolve();
      else fail(failed(m));
    });
    thread.on("error", () => fail(new SlackCallError({ type: "transient", reason: "network_error" })));
    // Once everything is said, a later exit changes nothing (a settled promise stays as it is).
    thread.on("exit", () => fail(new SlackCallError({ type: "transient", reason: "network_error" })));
  });
}

// A worker thread with V8's default young generation. `npm start` keeps the main thread's small
// (--max-semi-space-size=2, for the process's memory at rest), and V8 applies that flag to every
// thread it sets up afterwards; a thread that churns through a big file wants the default. The flag
// is read as a thread's heap is set up, so it is raised until the thread is running, then put back.
import v8 from "node:v8";
import type { Worker } from "node:worker_threads";

/** V8's default for a 64-bit process, per half of the young generation (MB). */
const DEFAULT_SEMI_SPACE_MB = 16;

/** The process's own --max-semi-space-size, as `npm start` and the Dockerfile give it: on node's command line. */
function semiSpaceFlag(): number | undefined {
  const flag = /^--max-semi-space-size=(\d+)$/;
  const given = process.execArgv.map((a) => flag.exec(a)?.[1]).find((v) => v !== undefined);
  return given === undefined ? undefined : Number(given);
}

export function withDefaultYoungGeneration(start: () => Worker): Worker {
  const small = semiSpaceFlag();
  if (small === undefined || small >= DEFAULT_SEMI_SPACE_MB) return start();
  v8.setFlagsFromString(`--max-semi-space-size=${DEFAULT_SEMI_SPACE_MB}`);
  let restored = false;
  const restore = () => {
    if (!restored) v8.setFlagsFromString(`--max-semi-space-size=${small}`);
    restored = true;
  };
  let worker: Worker;
  try {
    worker = start();
  } catch (e) {
    restore();
    throw e;
  }
  worker.once("online", restore);
  worker.once("exit", restore);
  return worker;
}

// A thread that lowers its own priority as the export thread does, then says where that left it
// and the process (tests/unit/thread.test.ts).
import { readlinkSync } from "node:fs";
import { getPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { runInBackground } from "../../src/infra/thread.ts";

const before = getPriority(process.pid);
runInBackground();
const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
parentPort!.postMessage({ before, thread: getPriority(tid), process: getPriority(process.pid) });

// Background priority for the calling thread alone, for the plain-JavaScript workers (an export's
// parser, SQLite's long reads and checkpoints), as infra/thread.ts's runInBackground() does for
// the TypeScript ones: the thread runs at nice +10, so that when both cores are busy the kernel
// gives the event loop its turn first. Linux only (a thread's id is in /proc/thread-self);
// elsewhere, or where lowering is refused, the thread runs at the bot's priority.
import { readlinkSync } from "node:fs";
import { getPriority, setPriority } from "node:os";

export function runInBackground() {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (tid > 0 && tid !== process.pid) setPriority(tid, Math.min(19, getPriority(process.pid) + 10));
  } catch {
    // Not Linux, or not allowed.
  }
}

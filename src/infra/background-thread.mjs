// Called first thing on a thread that does long background work (reading an export, SQLite's long
// reads and checkpoints): the thread, and only it, runs at a lower priority (nice +10), so that
// when both cores are busy the kernel gives the event loop its turn first and an ack never waits
// behind a slice of the import. Without it a million-row import held some acks 50-130 ms on a
// loaded 2-core machine. Plain JavaScript, so that the plain-JavaScript workers import it as it is;
// infra/thread.ts gives it to the TypeScript ones. Linux only (a thread's id is in
// /proc/thread-self); elsewhere, or where lowering is refused, it does nothing.
import { readlinkSync } from "node:fs";
import { getPriority, setPriority } from "node:os";

export function runInBackground() {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (tid > 0 && tid !== process.pid) setPriority(tid, Math.min(19, getPriority(process.pid) + 10));
  } catch {
    // Not Linux, or not allowed: the thread runs at the bot's priority, as it would anyway.
  }
}

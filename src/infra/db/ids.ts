// Ids for rows written with plain SQL (Prisma's cuid() default only applies to Prisma's own
// creates), and the sequence that orders messages within a lane.
import { realNowMs } from "../clock.ts";
import { randomFillSync } from "node:crypto";

// Random bytes drawn 4 KB at a time: a getrandom() call per id showed up in the profiles.
const pool = Buffer.alloc(4096);
let poolAt = pool.length;
function randomHex(bytes: number): string {
  if (poolAt + bytes > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  poolAt += bytes;
  return pool.toString("hex", poolAt - bytes, poolAt);
}

let lastMs = 0;
let counter = 0;

/**
 * 25 lowercase letters and digits, growing with time within a process (like a cuid), so rows
 * created in one transaction sort in creation order by id too.
 */
export function newId(): string {
  // Real time, not the injected clock: ids must keep growing when a test or the sandbox moves
  // the bot's clock (or moves it back to now).
  const ms = realNowMs();
  if (ms === lastMs) counter++;
  else [lastMs, counter] = [ms, 0];
  return "c" + ms.toString(36).padStart(9, "0") + counter.toString(36).padStart(4, "0") + randomHex(6).slice(0, 11);
}

let lastSeq = 0;

/**
 * A number that only grows within a process and follows the wall clock across processes
 * (ms × 1024 + a counter), exact in a double until the year 2248. Messages of one lane are
 * sent in this order; two replicas enqueueing into one lane in the same millisecond are
 * concurrent anyway, and either order is right.
 */
export function nextSeq(): number {
  lastSeq = Math.max(lastSeq + 1, realNowMs() * 1024);
  return lastSeq;
}

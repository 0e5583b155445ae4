// Stopping within a bound. SIGTERM stops taking work and lets what is in flight finish (a send to
// Slack, a timer's transaction); if that takes longer than the grace, the process says what was
// cut short and exits 1 instead of lingering. Nothing is lost either way: timers and messages
// are rows, and a claim left behind is taken up again after its lease by the next start. A
// second signal exits at once.
import type { Log } from "./logger.ts";

export const SHUTDOWN_GRACE_MS = 10_000;

export function onSignals(stop: () => Promise<void>, log: Log, graceMs = SHUTDOWN_GRACE_MS): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      log.warn({ signal }, "second signal: exiting now");
      process.exit(1);
    }
    stopping = true;
    log.info({ signal, graceMs }, "shutting down");
    const cut = setTimeout(() => {
      log.error({ graceMs }, "shutdown cut short: in-flight work is left to the next start (leases expire)");
      process.exit(1);
    }, graceMs);
    stop().then(
      () => {
        clearTimeout(cut);
        process.exit(0);
      },
      (e: unknown) => {
        clearTimeout(cut);
        log.error({ err: e }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

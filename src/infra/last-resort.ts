// The last line: an error nobody caught is logged and the bot stays up. Timers and the outbox
// live in the database and their runners catch their own errors, so carrying on is safer for
// the team than stopping every reminder and escalation because one request went wrong. If the
// process does die (out of memory, kill -9), the supervisor restarts it: see README → Operations.
import type { Log } from "./logger.ts";

export function keepRunningOnUncaughtErrors(log: Log): void {
  process.on("uncaughtException", (err, origin) => {
    log.fatal({ err, origin }, "uncaught error; shopops keeps running");
  });
  process.on("unhandledRejection", (reason) => {
    log.error({ err: reason }, "unhandled promise rejection; shopops keeps running");
  });
}

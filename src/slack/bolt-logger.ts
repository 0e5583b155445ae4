import { LogLevel, type Logger } from "@slack/bolt";
import type { Log } from "../infra/logger.ts";

/** Bolt's Logger interface over our pino logger, so Bolt's lines are JSON and redacted too. */
export function boltLogger(log: Log): Logger {
  const child = log.child({ component: "bolt" });
  // Bolt says a few debug lines on every request: they are not even joined unless wanted.
  return {
    debug: (...m: unknown[]) => void (child.isLevelEnabled("debug") && child.debug(m.map(String).join(" "))),
    info: (...m: unknown[]) => child.info(m.map(String).join(" ")),
    warn: (...m: unknown[]) => child.warn(m.map(String).join(" ")),
    error: (...m: unknown[]) => child.error(m.map(String).join(" ")),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

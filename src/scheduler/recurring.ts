import { CronExpressionParser } from "cron-parser";

// node-cron fires from the wall clock and cannot say "the next 09:00 after this instant" for an
// injected clock; cron-parser computes occurrences from any instant in any time zone, which is
// what durable, restart-safe occurrences need.
export function nextOccurrence(cron: string, timeZone: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: timeZone }).next().toDate();
}

export function isValidCron(cron: string): boolean {
  try {
    CronExpressionParser.parse(cron);
    return true;
  } catch {
    return false;
  }
}

export function occurrenceKey(name: string, at: Date): string {
  return `cron:${name}:${at.toISOString()}`;
}

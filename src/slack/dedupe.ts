// Slack retries an event it thinks we missed (same event_id, x-slack-retry-num 1, 2, 3), and a
// signed request can be replayed within its 5-minute window. Each event_id and each trigger_id
// (unique per slash command, button press, shortcut and modal submission) is run once: the key
// is written to the database before the listener runs, and a second arrival is only acknowledged.
import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Deps } from "../deps.ts";
import { firstTime } from "../infra/db/seen.ts";

export function requestKey(body: unknown): string | undefined {
  const b = body as {
    type?: string;
    event_id?: string;
    trigger_id?: string;
    command?: string;
    event?: { type?: string };
  };
  // A workflow step's run is guarded by its function_execution_id in the transaction that does
  // the work (workflow-steps/run-step.ts). Marking the event seen here, before that commits,
  // would drop Slack's retry of a run that a crash interrupted.
  if (b.type === "event_callback" && b.event?.type === "function_executed") return undefined;
  if (b.type === "event_callback" && b.event_id) return `event:${b.event_id}`;
  if (b.trigger_id) return `trigger:${b.trigger_id}`;
  return undefined;
}

export function dedupeRequests(deps: Deps): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const key = requestKey(args.body);
    if (key && !(await firstTime(deps, key))) {
      deps.log.info({ key, retryNum: args.context.retryNum }, "slack request seen before; acknowledged, not run again");
      const ack = (args as { ack?: () => Promise<void> }).ack;
      if (ack) await ack();
      return;
    }
    await args.next();
  };
}

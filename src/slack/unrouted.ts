// A request no listener will take (an unknown button, a view or shortcut this version doesn't
// have, a command not in the manifest) is acked at once. Without this, Bolt waits 3 s for an ack
// that never comes, and Slack shows the person an error.
import type { AnyMiddlewareArgs, App, Middleware } from "@slack/bolt";
import type { Log } from "../infra/logger.ts";

type Constraint = string | RegExp | { action_id?: string | RegExp; callback_id?: string | RegExp };
type Kind = "action" | "view" | "shortcut" | "command" | "options";

const fits = (c: string | RegExp | undefined, id: string) => c === undefined || (typeof c === "string" ? c === id : c.test(id));

function matches(list: Constraint[], id: string): boolean {
  return list.some((c) => (typeof c === "string" || c instanceof RegExp ? fits(c, id) : fits(c.action_id ?? c.callback_id, id)));
}

/** Wraps app.action/view/shortcut/command/options to remember what they listen for. */
export function trackListeners(app: App, log: Log): Middleware<AnyMiddlewareArgs> {
  const known: Record<Kind, Constraint[]> = { action: [], view: [], shortcut: [], command: [], options: [] };
  for (const kind of Object.keys(known) as Kind[]) {
    const original = (app[kind] as (...a: unknown[]) => unknown).bind(app);
    (app as unknown as Record<Kind, (...a: unknown[]) => unknown>)[kind] = (constraint: unknown, ...rest: unknown[]) => {
      known[kind].push(constraint as Constraint);
      return original(constraint, ...rest);
    };
  }
  return async (args) => {
    const b = args.body as { type?: string; command?: string; callback_id?: string; action_id?: string; actions?: { action_id: string }[]; view?: { callback_id: string } };
    let kind: Kind | undefined;
    let id = "";
    if (b.command) [kind, id] = ["command", b.command];
    else if (b.type === "block_actions") [kind, id] = ["action", b.actions?.[0]?.action_id ?? ""];
    else if (b.type === "view_submission" || b.type === "view_closed") [kind, id] = ["view", b.view?.callback_id ?? ""];
    else if (b.type === "shortcut" || b.type === "message_action") [kind, id] = ["shortcut", b.callback_id ?? ""];
    else if (b.type === "block_suggestion") [kind, id] = ["options", b.action_id ?? ""];
    if (kind && !matches(known[kind], id)) {
      log.warn({ kind, id: id.slice(0, 80) }, "no listener for this request; acknowledged");
      const ack = (args as { ack?: () => Promise<void> }).ack;
      if (ack) await ack();
      return;
    }
    await args.next();
  };
}

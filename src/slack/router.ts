// One Bolt listener per kind of request (command, action, view, shortcut, options), which picks
// the feature's handler by id. Bolt runs every registered listener's matching middleware for
// every request, so sixty registrations cost sixty passes per request (it showed in the ack
// profile); here a request costs a map lookup or a short list of patterns. A request no handler
// takes is acked at once instead of after Bolt's 3-second wait, and logged.
import type { AnyMiddlewareArgs, App, Middleware } from "@slack/bolt";
import type { Log } from "../infra/logger.ts";
import { asPersonsAction } from "../infra/request-context.ts";

type Kind = "action" | "view" | "shortcut" | "command" | "options";
type Constraint = string | RegExp | { action_id?: string | RegExp; callback_id?: string | RegExp; type?: string };
type Handler = (args: AnyMiddlewareArgs & { ack?: (r?: unknown) => Promise<void> }) => Promise<void>;

interface Route {
  id: string | RegExp;
  type?: string;
  handlers: Handler[];
}

const fits = (c: string | RegExp, id: string) => (typeof c === "string" ? c === id : c.test(id));

function idOf(kind: Kind, body: Record<string, unknown>): { id: string; type?: string } {
  const b = body as {
    command?: string;
    type?: string;
    callback_id?: string;
    action_id?: string;
    actions?: { action_id?: string }[];
    view?: { callback_id?: string };
  };
  switch (kind) {
    case "command":
      return { id: b.command ?? "" };
    case "action":
      return { id: b.actions?.[0]?.action_id ?? "" };
    case "view":
      return { id: b.view?.callback_id ?? "", type: b.type };
    case "shortcut":
      return { id: b.callback_id ?? "", type: b.type };
    case "options":
      return { id: b.action_id ?? "" };
  }
}

/**
 * Replaces app.command/action/view/shortcut/options with a router: features register on `app`
 * as they would with Bolt, and each kind gets one real listener.
 */
export function routeListeners(app: App, log: Log): void {
  const exact = new Map<string, Map<string, Route>>();
  const patterns = new Map<Kind, Route[]>();
  const kinds: Kind[] = ["command", "action", "view", "shortcut", "options"];
  const originals = new Map(kinds.map((k) => [k, (app[k] as (...a: unknown[]) => unknown).bind(app)]));

  for (const kind of kinds) {
    exact.set(kind, new Map());
    patterns.set(kind, []);
    (app as unknown as Record<Kind, (c: Constraint, ...h: Handler[]) => void>)[kind] = (c, ...handlers) => {
      const id = typeof c === "string" || c instanceof RegExp ? c : (c.action_id ?? c.callback_id ?? /.*/);
      const type = typeof c === "object" && !(c instanceof RegExp) ? c.type : undefined;
      if (typeof id === "string" && !type) {
        const seen = exact.get(kind)!.get(id);
        if (seen) seen.handlers.push(...handlers);
        else exact.get(kind)!.set(id, { id, handlers });
      } else patterns.get(kind)!.push({ id, type, handlers });
    };
  }

  for (const kind of kinds) {
    const dispatch: Middleware<AnyMiddlewareArgs> = async (args) => {
      const { id, type } = idOf(kind, args.body as Record<string, unknown>);
      const route =
        exact.get(kind)!.get(id) ?? patterns.get(kind)!.find((r) => fits(r.id, id) && (!r.type || r.type === type));
      if (!route) {
        log.warn({ kind, id: id.slice(0, 80) }, "no listener for this request; acknowledged");
        const ack = (args as { ack?: () => Promise<void> }).ack;
        if (ack) await ack();
        return;
      }
      // Whatever the handler queues answers this person's own action: it goes before bulk news.
      for (const h of route.handlers) await asPersonsAction(() => h(args as Parameters<Handler>[0]));
    };
    // Every request of this kind comes through the one listener.
    originals.get(kind)!(/[\s\S]*/, dispatch);
  }
}

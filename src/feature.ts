import type { IncomingMessage, ServerResponse } from "node:http";
import type { KnownBlock } from "@slack/types";
import type { App } from "@slack/bolt";
import type { Deps } from "./deps.ts";
import type { MessageKey } from "./infra/i18n.ts";
import type { JobKind, RecurringJob } from "./scheduler/types.ts";
import type { UserContext } from "./people/people.ts";

export interface HttpRoute {
  method: "POST" | "GET";
  path: string;
  handle(deps: Deps, req: IncomingMessage, res: ServerResponse): Promise<void>;
}

/** What a feature plugs into the app. main.ts wires the list; nothing else knows the features. */
export interface Feature {
  name: string;
  /** Slash commands the feature owns (each must be in manifest.yml) and the help lines for them. */
  commands: { command: string; help: MessageKey[] }[];
  register(app: App, deps: Deps, features: readonly Feature[]): void;
  jobs?: JobKind<Deps>[];
  recurring?(deps: Deps): RecurringJob[];
  /** HTTP endpoints of the feature (webhooks), served on PORT next to /slack/events. */
  routes?: HttpRoute[];
  /** Runs once the app has started: re-plans timers that should exist (an auditor). */
  onStart?(deps: Deps): Promise<void>;
  /**
   * This feature's part of the App Home "what needs me" view, from `offset` on when it pages (its
   * buttons use HOME_PAGE with the value homePageValue(feature, offset)).
   */
  homeSection?(deps: Deps, user: UserContext, offset: number): Promise<KnownBlock[]>;
}

/** The action of a Home section's "next / previous" buttons; App Home is drawn again at that page. */
export const HOME_PAGE = "home_page";
export const homePageValue = (feature: string, offset: number) => JSON.stringify({ f: feature, o: offset });

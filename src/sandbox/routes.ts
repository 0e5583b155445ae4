// The sandbox's page and its JSON API, served by the bot's own front door (only in sandbox
// mode). The page acts as a person would in Slack; each act goes to the bot as Slack would send
// it (driver.ts), and the page hears every change live over server-sent events.
import type { Route } from "../slack/front-door.ts";
import { actRoutes } from "./routes-act.ts";
import { uploadRoute } from "./routes-upload.ts";
import { controlRoutes } from "./routes-control.ts";
import { sandboxCtx, type SandboxHooks } from "./routes-kit.ts";
import { pageRoutes } from "./routes-page.ts";

export function sandboxRoutes(h: SandboxHooks): Route[] {
  const c = sandboxCtx(h);
  return [...pageRoutes(c), ...actRoutes(c), uploadRoute(c), ...controlRoutes(c)];
}

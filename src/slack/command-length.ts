// A slash command longer than the bot reads (4,000 characters, as Slack's own message composer
// keeps to) is answered, in the person's language, with how long it may be: the front door lets
// it through so that it can be answered instead of refused with a bare HTTP 400.
import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Deps } from "../deps.ts";
import { userContext } from "../people/people.ts";

export const MAX_COMMAND_TEXT = 4000;

export function refuseLongCommands(deps: Deps): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const b = args.body as { command?: string; text?: string; user_id?: string };
    const ack = (args as { ack?: (r?: unknown) => Promise<void> }).ack;
    if (!b.command || (b.text ?? "").length <= MAX_COMMAND_TEXT || !ack) return args.next();
    const user = await userContext(deps, String(b.user_id ?? ""));
    await ack({
      response_type: "ephemeral",
      text: user.t("command.tooLong", { command: b.command, length: (b.text ?? "").length, max: MAX_COMMAND_TEXT }),
    });
  };
}

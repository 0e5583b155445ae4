// The part every slash command and button shares: ack at once, the acting person (from the handler-context
// middleware), where to answer, and a failure turned into words in the person's language. A
// feature's command handler is then only its own verbs.
import type { App, BlockAction, SlashCommand } from "@slack/bolt";
import type { Deps } from "../deps.ts";
import type { MessageBody } from "../outbox/message.ts";
import type { UserContext } from "../people/people.ts";
import { ackFirst } from "./ack.ts";
import { personOf } from "./handler-context.ts";
import { actionValue } from "./payload.ts";
import { answerFailure, answerNow, errorText, replyEphemeral, type ReplyTarget } from "./reply.ts";

export interface CommandCall {
  command: SlashCommand;
  user: UserContext;
  to: ReplyTarget;
  /** The command's words after its name. */
  words: string[];
  /** An answer that records a change: through the outbox, so it is never lost. */
  say(answer: string | MessageBody): Promise<void>;
  /** A read-only answer (a list, a usage hint): straight to the response_url, nothing to keep. */
  show(answer: string | MessageBody): Promise<void>;
  /** Opens a modal on the command's trigger_id. */
  open(view: unknown): Promise<unknown>;
}

const bodyOf = (a: string | MessageBody): MessageBody => (typeof a === "string" ? { text: a } : a);

export function onSlashCommand(app: App, deps: Deps, name: string, run: (c: CommandCall) => Promise<void>): void {
  app.command(name, async ({ command, ack, context }) => {
    await ackFirst(ack);
    const user = await personOf(context);
    const to = { responseUrl: command.response_url, channel: command.channel_id, userId: command.user_id };
    const show = (a: string | MessageBody) => answerNow(deps, to, bodyOf(a));
    const call: CommandCall = {
      command,
      user,
      to,
      words: (command.text ?? "").trim().split(/\s+/).filter(Boolean),
      say: (a) => replyEphemeral(deps, to, bodyOf(a)),
      show,
      open: (view) => deps.slack.call("views.open", { trigger_id: command.trigger_id, view }),
    };
    try {
      await run(call);
    } catch (e) {
      await show(errorText(deps, user.locale, e, name));
    }
  });
}

export interface ActionCall {
  body: BlockAction;
  action: BlockAction["actions"][number];
  user: UserContext;
  /** The value the element carried: a button's value, a menu's chosen option (unchecked). */
  value: unknown;
  /** Opens a modal on the press's trigger_id. */
  open(view: unknown): Promise<unknown>;
}

/**
 * A button or menu: ack at once, the acting person, and the handler's answer (a string it returns)
 * or its refusal said to the presser alone, in their language.
 */
export function onAction(
  app: App,
  deps: Deps,
  id: string | RegExp,
  run: (c: ActionCall) => Promise<string | void | unknown>,
  where = "action",
): void {
  app.action<BlockAction>(id, async ({ ack, body, action, context }) => {
    await ackFirst(ack);
    const user = await personOf(context);
    const to = { responseUrl: body.response_url, channel: body.channel?.id, userId: body.user.id };
    const say = (text: string) => replyEphemeral(deps, to, { text });
    try {
      const answer = await run({
        body,
        action,
        user,
        value: actionValue(action),
        open: (view) => deps.slack.call("views.open", { trigger_id: body.trigger_id, view }),
      });
      if (typeof answer === "string") await say(answer);
    } catch (e) {
      await answerFailure(deps, user.locale, e, where, say);
    }
  });
}

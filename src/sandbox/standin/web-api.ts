// The Web API methods the bot calls, answered from the stand-in's workspace the way Slack answers
// them: ok:true with what Slack returns (ts, channel, view ids, upload URLs), or ok:false with
// Slack's error names (channel_not_found, message_not_found, expired_trigger_id, …).
import { CHAT_METHODS } from "./web-api-chat.ts";
import { fail, str, type Answer, type ApiContext, type Call, type Method } from "./web-api-kit.ts";
import { PEOPLE_METHODS } from "./web-api-people.ts";
import { VIEWS_METHODS } from "./web-api-views.ts";
import { CANVAS_METHODS } from "./web-api-canvas.ts";
import { LIST_METHODS } from "./web-api-lists.ts";

const METHODS: Record<string, Method> = {
  ...CHAT_METHODS,
  ...PEOPLE_METHODS,
  ...VIEWS_METHODS,
  ...CANVAS_METHODS,
  ...LIST_METHODS,
};

export function answer(
  ctx: ApiContext,
  method: string,
  args: Record<string, unknown>,
  triggerUser: (trigger: string) => string | undefined,
): Answer {
  const limited = (wait: number): Answer => {
    ctx.onRateLimited?.(method, str(args.channel));
    return { status: 429, headers: { "retry-after": String(wait) }, body: { ok: false, error: "ratelimited" } };
  };
  const overBudget = ctx.methods.get(method)?.take(ctx.nowMs()) ?? 0;
  if (overBudget > 0) return limited(overBudget);
  const run = METHODS[method];
  const call: Call = { ctx, method, args, limited, triggerUser };
  return run ? run(call) : fail("unknown_method");
}

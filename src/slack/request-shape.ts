// The shapes a Slack request must have before Bolt sees it. Bolt's receiver and middleware read
// fields such as body.ssl_check, body.user.id and body.actions[0].action_id without checking them,
// so a signed request with an odd body (JSON `null`, an action without `actions`) used to throw
// inside Bolt: a 500 at best, a dead process at worst. Here each kind is checked with zod; what
// Slack would never send is refused (400), and a known interaction with missing parts is acked
// with nothing done (200), as Slack expects an answer and retrying would not help.
import { z } from "zod";

const id = z.string().min(1).max(255);
const user = z.object({ id });

const Action = z.object({ type: z.string(), action_id: id, block_id: z.string().optional() }).loose();

const BlockActions = z
  .object({
    type: z.literal("block_actions"),
    user,
    actions: z.array(Action).min(1).max(25),
    trigger_id: z.string().optional(),
    container: z.object({ type: z.string() }).loose().optional(),
    channel: z.object({ id }).loose().optional(),
    view: z.object({ id, callback_id: z.string().optional() }).loose().optional(),
    response_url: z.string().optional(),
  })
  .loose();

const ViewState = z.object({ values: z.record(z.string(), z.record(z.string(), z.object({}).loose())) }).loose();
const ViewSubmission = z
  .object({
    type: z.literal("view_submission"),
    user,
    view: z.object({ id, callback_id: z.string(), private_metadata: z.string().optional(), state: ViewState }).loose(),
  })
  .loose();
const ViewClosed = z
  .object({ type: z.literal("view_closed"), user, view: z.object({ id, callback_id: z.string() }).loose() })
  .loose();
const Shortcut = z
  .object({ type: z.literal("shortcut"), user, callback_id: z.string(), trigger_id: z.string() })
  .loose();
const MessageAction = z
  .object({
    type: z.literal("message_action"),
    user,
    callback_id: z.string(),
    trigger_id: z.string(),
    channel: z.object({ id }).loose(),
    message: z.object({ ts: z.string() }).loose(),
    response_url: z.string().optional(),
  })
  .loose();
const BlockSuggestion = z
  .object({ type: z.literal("block_suggestion"), user, action_id: z.string(), value: z.string() })
  .loose();

const Interaction = z.discriminatedUnion("type", [
  BlockActions,
  ViewSubmission,
  ViewClosed,
  Shortcut,
  MessageAction,
  BlockSuggestion,
]);

const SlashCommand = z
  .object({
    command: z.string().regex(/^\/[\w-]{1,32}$/),
    user_id: id,
    channel_id: id,
    // Longer texts are answered (command-length.ts); only the body's size is refused here.
    text: z.string().optional(),
    trigger_id: z.string().optional(),
    response_url: z.string().optional(),
  })
  .loose();

const FunctionExecuted = z
  .object({
    type: z.literal("function_executed"),
    function_execution_id: z.string().min(1),
    function: z.object({ callback_id: z.string() }).loose(),
    inputs: z.record(z.string(), z.unknown()),
  })
  .loose();
const EventCallback = z
  .object({
    type: z.literal("event_callback"),
    event_id: z.string().min(1),
    // Bolt reads a function_executed event's execution id and inputs without checking them.
    event: z
      .object({ type: z.string().min(1) })
      .loose()
      .refine(
        (e) => e.type !== "function_executed" || FunctionExecuted.safeParse(e).success,
        "function_executed without its execution id, function or inputs",
      ),
  })
  .loose();
const UrlVerification = z.object({ type: z.literal("url_verification"), challenge: z.string() }).loose();
const AppRateLimited = z.object({ type: z.literal("app_rate_limited") }).loose();
const EventBody = z.discriminatedUnion("type", [EventCallback, UrlVerification, AppRateLimited]);

export type Verdict =
  /** Hand it to Bolt. */
  | { ok: true }
  /** Not something Slack sends: 400 with a short reason. */
  | { ok: false; status: 400 | 415; reason: string }
  /** A Slack interaction we can't use: answer 200 and do nothing. */
  | { ok: false; status: 200; reason: string };

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Checks a signed body from /slack/events. `contentType` is the header as sent. */
export function checkSlackRequest(contentType: string | undefined, raw: string): Verdict {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  // Bolt compares the content type as an exact string: anything else would reach JSON.parse.
  if (type === FORM && contentType !== FORM)
    return { ok: false, status: 415, reason: `send Content-Type: ${FORM} without parameters` };
  if (type === FORM) {
    const form = new URLSearchParams(raw);
    if (form.get("ssl_check") === "1") return { ok: true };
    const payload = form.get("payload");
    if (payload !== null) {
      const parsed = parseJson(payload);
      if (!parsed.ok || typeof parsed.value !== "object" || parsed.value === null || Array.isArray(parsed.value)) {
        return { ok: false, status: 400, reason: "payload is not a JSON object" };
      }
      const kind = (parsed.value as { type?: unknown }).type;
      if (typeof kind !== "string") return { ok: false, status: 400, reason: "payload has no type" };
      const r = Interaction.safeParse(parsed.value);
      if (!r.success)
        return {
          ok: false,
          status: 200,
          reason: `${kind}: ${r.error.issues
            .map((i) => `${i.path.join(".") || "(root)"} ${i.message}`)
            .slice(0, 3)
            .join("; ")}`,
        };
      return { ok: true };
    }
    const r = SlashCommand.safeParse(Object.fromEntries(form));
    if (!r.success)
      return {
        ok: false,
        status: 400,
        reason: `not a slash command: ${r.error.issues
          .map((i) => i.path.join("."))
          .slice(0, 3)
          .join(", ")}`,
      };
    return { ok: true };
  }
  if (type === JSON_TYPE) {
    const parsed = parseJson(raw);
    if (!parsed.ok) return { ok: false, status: 400, reason: "body is not JSON" };
    const v = parsed.value;
    if (typeof v !== "object" || v === null || Array.isArray(v))
      return { ok: false, status: 400, reason: "body is not a JSON object" };
    const r = EventBody.safeParse(v);
    if (!r.success)
      return {
        ok: false,
        status: 400,
        reason: `not an Events API body: ${r.error.issues
          .map((i) => i.path.join(".") || "type")
          .slice(0, 3)
          .join(", ")}`,
      };
    return { ok: true };
  }
  return { ok: false, status: 415, reason: `send ${FORM} or ${JSON_TYPE}` };
}

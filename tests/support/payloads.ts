// Interaction payloads for tests, from the same factory the sandbox's stand-in uses
// (src/sandbox/standin/payloads.ts), with a test workspace's ids filled in.
import * as slack from "../../src/sandbox/standin/payloads.ts";

let n = 0;
const actor = (userId: string): slack.Actor => ({
  teamId: "T1",
  user: { id: userId, name: userId.toLowerCase() },
  appId: "A1",
  triggerId: `${Date.now()}.${++n}.0a1b2c3d4e5f`,
  nowTs: `${Date.now() / 1000}`,
});

export function messageShortcut(o: {
  callbackId: string;
  user: string;
  channel: string;
  message: Record<string, unknown>;
  responseUrl: string;
}) {
  return slack.messageShortcut(actor(o.user), {
    callbackId: o.callbackId,
    channel: { id: o.channel, name: "cs-frontline" },
    message: o.message as Record<string, unknown> & { ts: string },
    responseUrl: o.responseUrl,
  });
}

export function viewSubmission(o: {
  user: string;
  callbackId: string;
  privateMetadata: string;
  values: Record<string, Record<string, unknown>>;
}) {
  return slack.viewSubmission(actor(o.user), {
    id: `V${++n}`,
    callback_id: o.callbackId,
    private_metadata: o.privateMetadata,
    state: { values: o.values },
    title: { type: "plain_text", text: "x" },
  });
}

export function blockAction(o: {
  user: string;
  channel: string;
  messageTs: string;
  actionId: string;
  value?: string;
  selected?: string;
  responseUrl: string;
}) {
  const action =
    o.selected !== undefined
      ? {
          type: "static_select",
          action_id: o.actionId,
          block_id: "b",
          selected_option: { text: { type: "plain_text", text: "x" }, value: o.selected },
        }
      : {
          type: "button",
          action_id: o.actionId,
          block_id: "b",
          text: { type: "plain_text", text: "x" },
          value: o.value,
        };
  return slack.messageBlockAction(actor(o.user), {
    channel: { id: o.channel, name: "x" },
    message: { ts: o.messageTs, text: "card", bot_id: "BBOT" },
    responseUrl: o.responseUrl,
    action,
  });
}

/** state.values for the complaint modal. */
export function complaintValues(v: {
  order: string;
  customer: string;
  vip?: boolean;
  cause: string | null;
  urgency: string;
  summary: string;
}) {
  const opt = (value: string) => ({ text: { type: "plain_text", text: value }, value });
  return {
    order: { order: { type: "plain_text_input", value: v.order } },
    customer: { customer: { type: "plain_text_input", value: v.customer } },
    vip: { vip: { type: "checkboxes", selected_options: v.vip ? [opt("vip")] : [] } },
    cause: { cause: { type: "static_select", selected_option: v.cause ? opt(v.cause) : null } },
    urgency: { urgency: { type: "radio_buttons", selected_option: opt(v.urgency) } },
    summary: { summary: { type: "plain_text_input", value: v.summary } },
  };
}

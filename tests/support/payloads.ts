// Interaction payloads in the shapes Slack sends (see bolt-js src/types and Slack's docs).
let n = 0;
const trigger = () => `${Date.now()}.${++n}.0a1b2c3d4e5f`;

export function messageShortcut(o: {
  callbackId: string;
  user: string;
  channel: string;
  message: Record<string, unknown>;
  responseUrl: string;
}) {
  return {
    type: "message_action",
    token: "legacy",
    action_ts: `${Date.now() / 1000}`,
    team: { id: "T1", domain: "acme" },
    user: { id: o.user, name: o.user.toLowerCase(), team_id: "T1" },
    channel: { id: o.channel, name: "cs-frontline" },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: o.callbackId,
    trigger_id: trigger(),
    response_url: o.responseUrl,
    message_ts: o.message.ts,
    message: { type: "message", ...o.message },
  };
}

export function viewSubmission(o: {
  user: string;
  callbackId: string;
  privateMetadata: string;
  values: Record<string, Record<string, unknown>>;
}) {
  return {
    type: "view_submission",
    team: { id: "T1", domain: "acme" },
    user: { id: o.user, username: o.user.toLowerCase(), name: o.user.toLowerCase(), team_id: "T1" },
    api_app_id: "A1",
    token: "legacy",
    trigger_id: trigger(),
    view: {
      id: `V${++n}`,
      team_id: "T1",
      type: "modal",
      callback_id: o.callbackId,
      private_metadata: o.privateMetadata,
      state: { values: o.values },
      hash: "1.abc",
      title: { type: "plain_text", text: "x" },
      blocks: [],
      app_id: "A1",
      bot_id: "BBOT",
    },
    response_urls: [],
    is_enterprise_install: false,
  };
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
          action_ts: "1.2",
        }
      : {
          type: "button",
          action_id: o.actionId,
          block_id: "b",
          text: { type: "plain_text", text: "x" },
          value: o.value,
          action_ts: "1.2",
        };
  return {
    type: "block_actions",
    team: { id: "T1", domain: "acme" },
    user: { id: o.user, username: o.user.toLowerCase(), name: o.user.toLowerCase(), team_id: "T1" },
    api_app_id: "A1",
    token: "legacy",
    container: { type: "message", message_ts: o.messageTs, channel_id: o.channel, is_ephemeral: false },
    trigger_id: trigger(),
    channel: { id: o.channel, name: "x" },
    message: { type: "message", ts: o.messageTs, text: "card", bot_id: "BBOT" },
    response_url: o.responseUrl,
    actions: [action],
    state: { values: {} },
    is_enterprise_install: false,
  };
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

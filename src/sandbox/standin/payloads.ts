// The one factory of what Slack sends a bot when a person acts, in the shapes Slack documents
// (bolt-js src/types, api.slack.com/reference/interaction-payloads): used by the sandbox's
// stand-in and by the tests, so both speak exactly the same Slack.
import { createHmac } from "node:crypto";

type Json = Record<string, unknown>;

/** v0=HMAC_SHA256(secret, "v0:<ts>:<body>"), as Slack signs every request. */
export const slackSignature = (secret: string, ts: number, body: string) =>
  "v0=" + createHmac("sha256", secret).update(`v0:${ts}:${body}`).digest("hex");

/** Who acts, where, and the ids Slack gives the request. */
export interface Actor {
  teamId: string;
  user: { id: string; name: string };
  appId: string;
  triggerId: string;
  /** Unix seconds, with a fraction, as Slack's *_ts fields carry it. */
  nowTs: string;
}

const team = (a: Actor, domain = "sandbox") => ({ id: a.teamId, domain });
const user = (a: Actor) => ({ id: a.user.id, username: a.user.name, name: a.user.name, team_id: a.teamId });

/** A slash command's form fields. */
export function slashCommand(
  a: Actor,
  o: { channel: { id: string; name: string }; command: string; text: string; responseUrl: string },
) {
  return new URLSearchParams({
    token: "legacy",
    team_id: a.teamId,
    team_domain: "sandbox",
    channel_id: o.channel.id,
    channel_name: o.channel.name,
    user_id: a.user.id,
    user_name: a.user.name,
    command: o.command,
    text: o.text,
    api_app_id: a.appId,
    is_enterprise_install: "false",
    response_url: o.responseUrl,
    trigger_id: a.triggerId,
  });
}

/** block_actions from a message (a button, a menu, a date picker in it). */
export function messageBlockAction(
  a: Actor,
  o: {
    channel: { id: string; name: string };
    message: Json & { ts: string };
    ephemeral?: boolean;
    responseUrl: string;
    action: Json;
  },
) {
  return {
    type: "block_actions",
    team: team(a),
    user: user(a),
    api_app_id: a.appId,
    token: "legacy",
    container: {
      type: "message",
      message_ts: o.message.ts,
      channel_id: o.channel.id,
      is_ephemeral: Boolean(o.ephemeral),
    },
    trigger_id: a.triggerId,
    channel: o.channel,
    message: { type: "message", ...o.message },
    response_url: o.responseUrl,
    actions: [{ action_ts: a.nowTs, ...o.action }],
    state: { values: {} },
    is_enterprise_install: false,
  };
}

/** block_actions from a view: the App Home tab, or an element inside an open modal. */
export function viewBlockAction(a: Actor, o: { view: Json & { id: string }; action: Json }) {
  return {
    type: "block_actions",
    team: team(a),
    user: user(a),
    api_app_id: a.appId,
    token: "legacy",
    container: { type: "view", view_id: o.view.id },
    trigger_id: a.triggerId,
    view: o.view,
    actions: [{ action_ts: a.nowTs, ...o.action }],
    is_enterprise_install: false,
  };
}

/** A modal's view_submission. */
export function viewSubmission(a: Actor, view: Json & { id: string; callback_id: unknown }) {
  return {
    type: "view_submission",
    team: team(a),
    user: user(a),
    api_app_id: a.appId,
    token: "legacy",
    trigger_id: a.triggerId,
    view: { team_id: a.teamId, type: "modal", hash: "1.abc", app_id: a.appId, bot_id: "BBOT", blocks: [], ...view },
    response_urls: [],
    is_enterprise_install: false,
  };
}

/** A message shortcut picked from a message's ⋯ menu. */
export function messageShortcut(
  a: Actor,
  o: { callbackId: string; channel: { id: string; name: string }; message: Json & { ts: string }; responseUrl: string },
) {
  return {
    type: "message_action",
    token: "legacy",
    action_ts: a.nowTs,
    team: team(a),
    user: { id: a.user.id, name: a.user.name, team_id: a.teamId },
    channel: o.channel,
    is_enterprise_install: false,
    enterprise: null,
    callback_id: o.callbackId,
    trigger_id: a.triggerId,
    response_url: o.responseUrl,
    message_ts: o.message.ts,
    message: { type: "message", ...o.message },
  };
}

/** An Events API envelope around one event. */
export function eventCallback(
  a: Pick<Actor, "teamId" | "appId">,
  event: Json,
  o: { eventId: string; eventTime: number },
) {
  return {
    token: "legacy",
    team_id: a.teamId,
    api_app_id: a.appId,
    event,
    type: "event_callback",
    event_id: o.eventId,
    event_time: o.eventTime,
  };
}

// Signed requests as Slack sends them: v0=HMAC_SHA256(secret, "v0:<ts>:<body>").
import { slackSignature } from "../../src/sandbox/standin/payloads.ts";

export const SIGNING_SECRET = "test-signing-secret-0123456789";

export function sign(body: string, ts: number, secret = SIGNING_SECRET): string {
  return slackSignature(secret, ts, body);
}

export interface SendOptions {
  secret?: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  signature?: string;
}

export async function postSigned(baseUrl: string, body: string, contentType: string, o: SendOptions = {}) {
  const ts = o.timestamp ?? Math.floor(Date.now() / 1000);
  const res = await fetch(`${baseUrl}/slack/events`, {
    method: "POST",
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": String(ts),
      "x-slack-signature": o.signature ?? sign(body, ts, o.secret),
    },
    body,
  });
  return { status: res.status, text: await res.text() };
}

export function slashCommand(baseUrl: string, fields: Record<string, string>, o?: SendOptions) {
  const body = new URLSearchParams({
    token: "legacy-verification-token",
    team_id: "T1",
    team_domain: "acme",
    channel_id: "C-GENERAL",
    channel_name: "general",
    user_name: "someone",
    api_app_id: "A1",
    is_enterprise_install: "false",
    trigger_id: `${Date.now()}.1.abc`,
    text: "",
    ...fields,
  }).toString();
  return postSigned(baseUrl, body, "application/x-www-form-urlencoded", o);
}

export function interaction(baseUrl: string, payload: Record<string, unknown>, o?: SendOptions) {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return postSigned(baseUrl, body, "application/x-www-form-urlencoded", o);
}

export function eventCallback(baseUrl: string, event: Record<string, unknown>, o?: SendOptions) {
  const body = JSON.stringify({
    token: "legacy-verification-token",
    team_id: "T1",
    api_app_id: "A1",
    event,
    type: "event_callback",
    event_id: `Ev${Math.random().toString(36).slice(2)}`,
    event_time: Math.floor(Date.now() / 1000),
  });
  return postSigned(baseUrl, body, "application/json", o);
}

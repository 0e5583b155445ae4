import { expect } from "vitest";
import type { Harness } from "../support/harness.ts";
import { until } from "../support/harness.ts";
import { slashCommand } from "../support/signed.ts";

export const CHANNEL = "C0DOUBLE11";

export async function promo(h: Harness, user: string, text: string, channel = CHANNEL) {
  const id = `promo${Math.random()}`;
  const res = await slashCommand(h.baseUrl, {
    command: "/promo",
    text,
    user_id: user,
    channel_id: channel,
    response_url: h.fake.responseUrl(id),
  });
  expect(res.status).toBe(200);
  return id;
}

export async function promoReply(h: Harness, user: string, text: string, channel = CHANNEL) {
  const id = await promo(h, user, text, channel);
  return String((await until(() => h.fake.responses.find((r) => r.id === id))).body.text);
}

export const checklistPosts = (h: Harness, channel = CHANNEL) =>
  h.fake.callsOf("chat.postMessage").filter((c) => c.args.channel === channel && !c.args.thread_ts);
export const dmsTo = (h: Harness, user: string) =>
  h.fake
    .callsOf("chat.postMessage")
    .filter((c) => c.args.channel === user)
    .map((c) => String(c.args.text));
export { settle } from "../support/harness.ts";

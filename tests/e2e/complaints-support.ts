import { expect } from "vitest";
import type { Harness } from "../support/harness.ts";
import { until } from "../support/harness.ts";
import { complaintValues, messageShortcut, viewSubmission } from "../support/payloads.ts";
import { interaction, slashCommand } from "../support/signed.ts";

export const TIER_CHANNEL = { 1: "C0TIER1", 2: "C0TIER2", 3: "C0TIER3" } as const;
export const PEOPLE = { 1: "U0AGENT", 2: "U0SPECIAL", 3: "U0SUPER" } as const;

export async function command(h: Harness, user: string, text: string, id = `cmd${Math.random()}`) {
  const res = await slashCommand(h.baseUrl, {
    command: "/complaint",
    text,
    user_id: user,
    response_url: h.fake.responseUrl(id),
  });
  expect(res.status).toBe(200);
  return (await until(() => h.fake.responses.find((r) => r.id === id))).body as { text: string };
}

export async function setUpTiers(h: Harness, admin = "U0ADMIN") {
  for (const n of [1, 2, 3] as const) {
    const reply = await command(h, admin, `tier ${n} <#${TIER_CHANNEL[n]}|tier${n}> <@${PEOPLE[n]}|p${n}>`);
    expect(reply.text).toContain(`<#${TIER_CHANNEL[n]}>`);
  }
}

/** An agent escalates a thread reply through the message shortcut and submits the modal. */
export async function escalateFromThread(
  h: Harness,
  o: { urgency: "urgent" | "general"; vip?: boolean; agent?: string; order?: string },
) {
  const agent = o.agent ?? "U0OWNER";
  const before = h.fake.callsOf("views.open").length;
  const shortcut = messageShortcut({
    callbackId: "complaint_escalate",
    user: agent,
    channel: "C0SUPPORT",
    responseUrl: h.fake.responseUrl(`sc${Math.random()}`),
    message: {
      user: "U0CUSTOMERCARE",
      ts: "1732770000.000200",
      thread_ts: "1732769000.000100",
      text: "客户说收到的杯子碎了，要求退款 / The cup arrived broken",
    },
  });
  expect((await interaction(h.baseUrl, shortcut)).status).toBe(200);
  const open = await until(() => h.fake.callsOf("views.open")[before]);
  const view = open.args.view as { private_metadata: string; callback_id: string };
  const count = await h.bot.deps.db.complaintCase.count();
  const res = await interaction(
    h.baseUrl,
    viewSubmission({
      user: agent,
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      values: complaintValues({
        order: o.order ?? "2026111100123",
        customer: "王小姐",
        vip: o.vip,
        cause: "quality",
        urgency: o.urgency,
        summary: "杯子破损",
      }),
    }),
  );
  expect(res.status).toBe(200);
  await until(async () => (await h.bot.deps.db.complaintCase.count()) === count + 1);
  return h.bot.deps.db.complaintCase.findFirstOrThrow({ orderBy: { number: "desc" } });
}

export const postsTo = (h: Harness, channel: string) =>
  h.fake.callsOf("chat.postMessage").filter((c) => c.args.channel === channel);

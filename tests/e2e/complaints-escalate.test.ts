import { afterEach, describe, expect, it } from "vitest";
import { startHarness, until, type Harness } from "../support/harness.ts";
import { interaction } from "../support/signed.ts";
import { messageShortcut, viewSubmission, complaintValues } from "../support/payloads.ts";
import { command, escalateFromThread, PEOPLE, postsTo, setUpTiers, TIER_CHANNEL } from "./complaints-support.ts";

describe("escalating a complaint from a Slack thread", () => {
  let h: Harness;
  afterEach(() => h.stop());

  it("opens the modal prefilled from a thread reply, then creates the case, posts its card and links it in the thread", async () => {
    h = await startHarness({ env: { ADMIN_USER_IDS: "U0ADMIN" } });
    h.fake.users.set("U0OWNER", { locale: "zh-CN" });
    await setUpTiers(h);
    const c = await escalateFromThread(h, { urgency: "urgent" });

    const open = h.fake.callsOf("views.open")[0]!;
    const view = open.args.view as {
      blocks: { block_id?: string; element?: { initial_value?: string }; elements?: { text: string }[] }[];
      private_metadata: string;
    };
    const summary = view.blocks.find((b) => b.block_id === "summary");
    expect(summary?.element?.initial_value).toContain("杯子碎了");
    expect(JSON.stringify(view.blocks)).toContain("https://acme.slack.com/archives/C0SUPPORT/p1732770000000200");
    expect(JSON.parse(view.private_metadata)).toMatchObject({
      channel: "C0SUPPORT",
      ts: "1732770000.000200",
      threadTs: "1732769000.000100",
    });

    expect(c).toMatchObject({
      number: 1,
      tier: 1,
      status: "open",
      urgency: "urgent",
      cause: "quality",
      ownerId: "U0OWNER",
      customerName: "王小姐",
    });
    const card = await until(() => postsTo(h, TIER_CHANNEL[1])[0]);
    expect(JSON.stringify(card.args.blocks)).toContain("2026111100123");
    expect(JSON.stringify(card.args.blocks)).toContain("complaint_ack");
    const link = await until(() => postsTo(h, "C0SUPPORT")[0]);
    expect(link.args.thread_ts).toBe("1732769000.000100");
    expect(String(link.args.text)).toContain("#1");
    const dm = await until(() => postsTo(h, "U0OWNER")[0]);
    expect(String(dm.args.text)).toContain("首问负责人");
    // The history lives in the card's thread.
    const note = await until(() => postsTo(h, TIER_CHANNEL[1]).find((m) => m.args.thread_ts));
    const cardRow = await h.bot.deps.db.outboxMessage.findUniqueOrThrow({ where: { id: c.cardId! } });
    expect(note.args.thread_ts).toBe(cardRow.ts);
  });

  it("refuses a modal with a bad order number and no cause, field by field, creating nothing", async () => {
    h = await startHarness({ env: { ADMIN_USER_IDS: "U0ADMIN" } });
    await setUpTiers(h);
    const res = await interaction(
      h.baseUrl,
      viewSubmission({
        user: "U0OWNER",
        callbackId: "complaint_create",
        privateMetadata: "{}",
        values: complaintValues({ order: "no way!", customer: "Li", cause: null, urgency: "general", summary: "late" }),
      }),
    );
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe("errors");
    // Each bad field is named under itself, in the agent's language (the workspace's zh-CN), and nothing else is.
    expect(body.errors).toEqual({
      order: "请填写订单号，例如 2026111100123（只能包含字母、数字和 -）。",
      cause: "原因",
    });
    expect(await h.bot.deps.db.complaintCase.count()).toBe(0);
  });

  it("says how to set tiers up when there are none, instead of opening a case", async () => {
    h = await startHarness();
    const shortcut = messageShortcut({
      callbackId: "complaint_escalate",
      user: "U0OWNER",
      channel: "C0SUPPORT",
      responseUrl: h.fake.responseUrl("x"),
      message: { ts: "1.2", text: "hi" },
    });
    await interaction(h.baseUrl, shortcut);
    // Told at once, before any form opens.
    expect(String((await until(() => h.fake.responses.find((r) => r.id === "x"))).body.text)).toContain(
      "/complaint tier 1",
    );
    expect(h.fake.callsOf("views.open")).toHaveLength(0);
    // A form opened earlier (tiers removed since) is still refused on submission, on the form.
    const res = await interaction(
      h.baseUrl,
      viewSubmission({
        user: "U0OWNER",
        callbackId: "complaint_create",
        privateMetadata: JSON.stringify({ channel: "C0SUPPORT", ts: "1.2", threadTs: "1.2" }),
        values: complaintValues({
          order: "A-1",
          customer: "Li",
          cause: "logistics",
          urgency: "general",
          summary: "late",
        }),
      }),
    );
    expect(JSON.stringify(JSON.parse(res.text).errors)).toContain("/complaint tier 1");
  });

  it("only an admin sets tiers and policy; bad input gets the right way to write it", async () => {
    h = await startHarness({ env: { ADMIN_USER_IDS: "U0ADMIN" } });
    h.fake.users.set("U0NOBODY", { locale: "en-US" });
    const refused = await command(h, "U0NOBODY", `tier 1 <#${TIER_CHANNEL[1]}|t> <@${PEOPLE[1]}|p>`);
    expect(refused.text).toContain("Only a workspace admin or owner");
    expect(await h.bot.deps.db.complaintTier.count()).toBe(0);
    const bad = await command(h, "U0ADMIN", "policy urgent soon");
    expect(bad.text).toContain("/complaint policy urgent 2h");
    const ok = await command(h, "U0ADMIN", "policy urgent 90m general 1d warn 80% hours 09:00-18:00 mon-fri");
    expect(ok.text).toContain("1h 30m");
    const usage = await command(h, "U0ADMIN", "frobnicate");
    expect(usage.text).toContain("/complaint new");
  });
});

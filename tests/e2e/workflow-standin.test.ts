// The stand-in (the sandbox's Slack) runs a whole Workflow Builder workflow of shopops's steps:
// form → Open complaint case → Send a message → Wait for complaint resolution → Send a message.
import { afterEach, describe, expect, it } from "vitest";
import { INTAKE_WORKFLOW, intakeForm } from "../../src/sandbox/demo-workflow.ts";
import { SlackDriver } from "../../src/sandbox/standin/driver.ts";
import { runWorkflow } from "../../src/sandbox/standin/workflow-runner.ts";
import { startHarness, until, type Harness } from "../support/harness.ts";
import { blockAction } from "../support/payloads.ts";
import { interaction, SIGNING_SECRET } from "../support/signed.ts";
import { setUpTiers, TIER_CHANNEL } from "./complaints-support.ts";

describe("a workflow of shopops steps in the stand-in", () => {
  let h: Harness;
  afterEach(() => h.stop());

  it("runs the intake workflow to the end: the case is opened, announced, worked to closed, and its outcome posted", async () => {
    h = await startHarness({ env: { ADMIN_USER_IDS: "U0ADMIN" } });
    await setUpTiers(h);
    const driver = new SlackDriver(h.fake, { eventsUrl: `${h.baseUrl}/slack/events`, signingSecret: SIGNING_SECRET });
    const form = intakeForm("intake TM-1001 王小姐 杯子碎了，要求退款", "C0INTAKE");
    expect(typeof form).toBe("object");
    const running = runWorkflow(driver, h.fake.ws, INTAKE_WORKFLOW, "U0OWNER", form as Record<string, unknown>);

    const posted = () => h.fake.ws.messages.filter((m) => m.channel === "C0INTAKE").map((m) => m.text);
    // The workflow's messages are its author's, in the demo team's language: one line each.
    await until(() => posted().some((t) => t === "工单 #1 已创建，在 <#C0TIER1>（第 1 级）。"));
    const c = await h.bot.deps.db.complaintCase.findFirstOrThrow();
    expect(c).toMatchObject({ orderNo: "TM-1001", customerName: "王小姐", ownerId: "U0OWNER" });
    // The workflow now waits on the case.
    await until(async () => (await h.bot.deps.db.caseWatcher.count()) === 1);

    const click = (actionId: string, o: { value?: string; selected?: string }) =>
      interaction(
        h.baseUrl,
        blockAction({
          user: "U0OWNER",
          channel: TIER_CHANNEL[1],
          messageTs: "1",
          actionId,
          ...o,
          responseUrl: h.fake.responseUrl(`${actionId}${Math.random()}`),
        }),
      );
    const status = async () => (await h.bot.deps.db.complaintCase.findUniqueOrThrow({ where: { id: c.id } })).status;
    for (const [action, after] of [
      ["complaint_ack", "acknowledged"],
      ["complaint_resolve", "resolved"],
      ["complaint_confirm", "confirmed"],
    ] as const) {
      await click(action, { value: c.id });
      await until(async () => (await status()) === after);
    }
    expect(posted().some((t) => t.includes("已结案"))).toBe(false);
    await click("complaint_rate", { selected: `${c.id}:5` });

    const result = await running;
    expect(result.ok).toBe(true);
    expect(posted().at(-1)).toBe("工单 #1 已结案。补救：none（none 表示未补救），满意度 5/5。");
    expect([...h.fake.ws.executions.values()].map((e) => [e.callbackId, e.state])).toEqual([
      ["open_complaint_case", "completed"],
      ["wait_for_complaint_resolution", "completed"],
    ]);
  });

  it("stops at a step that fails, with the step's error, as Slack does", async () => {
    h = await startHarness({ env: { ADMIN_USER_IDS: "U0ADMIN" } });
    await setUpTiers(h);
    h.fake.users.set("U0OWNER", { locale: "en-US" });
    const driver = new SlackDriver(h.fake, { eventsUrl: `${h.baseUrl}/slack/events`, signingSecret: SIGNING_SECRET });
    const form = {
      ...(intakeForm("intake TM-1001 王小姐 broken", "C0INTAKE") as Record<string, unknown>),
      urgency: "tomorrow",
    };
    const result = await runWorkflow(driver, h.fake.ws, INTAKE_WORKFLOW, "U0OWNER", form);
    expect(result).toMatchObject({
      ok: false,
      step: 1,
      error: "Input “Urgency” (urgency): “tomorrow” is not one of: urgent, general.",
    });
    expect(h.fake.ws.messages.filter((m) => m.channel === "C0INTAKE")).toHaveLength(0);
  });
});

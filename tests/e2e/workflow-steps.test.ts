import { itemKey, JOB_REMIND } from "../../src/features/campaigns/schedule.ts";
import { afterEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import { settle, startHarness, until, type Harness } from "../support/harness.ts";
import { blockAction } from "../support/payloads.ts";
import { eventCallback, interaction } from "../support/signed.ts";
import { completions, runStep } from "../support/steps.ts";
import { PEOPLE, setUpTiers, TIER_CHANNEL } from "./complaints-support.ts";

const complaint = {
  agent: "U0AGENT",
  order_number: "TM-2026111100042",
  customer: "王小姐",
  cause: "quality",
  urgency: "urgent",
  summary: "杯子碎了 <!channel>",
  vip: false,
  message_link: "https://acme.slack.com/archives/C0INTAKE/p1764480000000200?thread_ts=1764479000.000100&cid=C0INTAKE",
};

describe("Workflow Builder steps", () => {
  let h: Harness;
  afterEach(() => h.stop());

  const done = async (e: { execution: { id: string; state: string } }) => {
    await settle(h);
    await until(() => e.execution.state !== "running");
    return e.execution as { state: string; outputs?: Record<string, unknown>; error?: string };
  };

  it("Open complaint case: opens the case, links it in the customer's thread, completes once with its outputs even when Slack retries", async () => {
    const clock = new FixedClock("2026-11-30T02:00:00Z");
    h = await startHarness({ clock, env: { ADMIN_USER_IDS: "U0ADMIN" } });
    await setUpTiers(h);
    const run = await runStep(h, "open_complaint_case", complaint);
    // Slack's retry of the same event, and a second delivery after a restart.
    expect((await run.send()).status).toBe(200);
    await h.restart();
    expect((await run.send()).status).toBe(200);
    const e = await done(run);
    expect(e.state).toBe("completed");
    const c = await h.bot.deps.db.complaintCase.findFirstOrThrow();
    expect(await h.bot.deps.db.complaintCase.count()).toBe(1);
    expect(c).toMatchObject({
      orderNo: "TM-2026111100042",
      customerName: "王小姐",
      ownerId: "U0AGENT",
      tier: 1,
      sourceChannel: "C0INTAKE",
      sourceThreadTs: "1764479000.000100",
    });
    // Urgent: answered within 2 h of 02:00 UTC.
    expect(e.outputs).toEqual({
      case_number: c.number,
      case_id: c.id,
      tier: 1,
      channel: TIER_CHANNEL[1],
      response_deadline: Date.parse("2026-11-30T04:00:00Z") / 1000,
    });
    expect(completions(h, run.execution)).toHaveLength(1);
    // The case is linked in the thread the workflow came from; user text stays text.
    const linked = h.fake.callsOf("chat.postMessage").find((m) => m.args.channel === "C0INTAKE");
    expect(linked?.args.thread_ts).toBe("1764479000.000100");
    const card = h.fake.callsOf("chat.postMessage").find((m) => m.args.channel === TIER_CHANNEL[1]);
    expect(JSON.stringify(card?.args)).not.toContain("<!channel>");
  });

  it("bad inputs fail the step in the workflow's language, naming the input, and change nothing", async () => {
    h = await startHarness({ env: { ADMIN_USER_IDS: "U0ADMIN" } });
    await setUpTiers(h);
    h.fake.users.set("U0EN", { locale: "en-US" });
    h.fake.users.set("U0ZH", { locale: "zh-CN" });
    const en = await runStep(h, "open_complaint_case", { ...complaint, agent: "U0EN", urgency: "asap" });
    const zh = await runStep(h, "open_complaint_case", { ...complaint, agent: "U0ZH", order_number: "" });
    const link = await runStep(h, "open_complaint_case", {
      ...complaint,
      agent: "U0EN",
      message_link: "https://evil.example/archives/C1/p1",
    });
    const task = await runStep(h, "create_raci_task", {
      created_by: "U0EN",
      title: "x",
      due_date: "2026-02-30",
      responsible: ["U0R"],
      accountable: "U0A",
      channel: "C0OPS",
    });
    const rating = await runStep(h, "record_review", { platform: "tmall", sku: "CUP-1", rating: 9, text: "ok" });
    // An owner who has left the workspace, an event day gone by, a case that doesn't exist: each
    // refused naming its input, like the inputs that are malformed.
    h.fake.ws.gone.add("UGONE");
    const gone = await runStep(h, "open_complaint_case", { ...complaint, agent: "UGONE" });
    const past = await runStep(h, "start_promotion_playbook", {
      created_by: "U0EN",
      name: "旧活动",
      event_date: "2020-01-01",
      channel: "C0PROMO",
      owner: "U0EN",
    });
    const unknown = await runStep(h, "wait_for_complaint_resolution", { case: "#99999" });
    expect((await done(gone)).error).toBe("输入项“工单负责人”（agent）：“UGONE”不是本工作区的成员。");
    expect((await done(past)).error).toMatch(/^Input “Event day \(T\)” \(event_date\): 2020-01-01/);
    expect((await done(unknown)).error).toMatch(/^输入项“[^”]+”（case）：/);
    expect((await done(en)).error).toBe("Input “Urgency” (urgency): “asap” is not one of: urgent, general.");
    expect((await done(zh)).error).toBe("输入项“订单号”（order_number）：必填，但为空。");
    expect((await done(link)).error).toContain(
      "Input “Message link” (message_link): it is not a link to a Slack message",
    );
    expect((await done(task)).error).toBe("Input “Due date” (due_date): “2026-02-30” is not a date (YYYY-MM-DD).");
    // No person on this step: the workspace's language (zh-CN by default).
    expect((await done(rating)).error).toBe("输入项“评分”（rating）：9 不是 1 到 5 的评分。");
    for (const r of [en, zh, link, task, rating, gone, past, unknown])
      expect(
        h.fake.callsOf("functions.completeError").filter((c) => c.args.function_execution_id === r.execution.id),
      ).toHaveLength(1);
    expect(await h.bot.deps.db.complaintCase.count()).toBe(0);
    expect(await h.bot.deps.db.task.count()).toBe(0);
    expect(await h.bot.deps.db.review.count()).toBe(0);
    expect(await h.bot.deps.db.campaign.count()).toBe(0);
  });

  it("a step this version doesn't publish fails at once, saying so, instead of hanging", async () => {
    h = await startHarness({ env: { ADMIN_USER_IDS: "U0ADMIN", DEFAULT_LOCALE: "en" } });
    const execution = { id: "FxOLDSTEP01", callbackId: "old_step", outputParams: [], state: "running" as const };
    h.fake.ws.executions.set(execution.id, execution);
    const event = {
      type: "function_executed",
      function: {
        id: "Fn0OLD",
        callback_id: "old_step",
        title: "Old",
        type: "app",
        input_parameters: [],
        output_parameters: [],
        app_id: "A1",
        date_created: 1,
        date_updated: 1,
        date_deleted: 0,
      },
      inputs: {},
      function_execution_id: execution.id,
      workflow_execution_id: "Wx1",
      event_ts: "1.1",
      bot_access_token: "xwfp-x",
    };
    const started = Date.now();
    expect((await eventCallback(h.baseUrl, event)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2500);
    const e = await done({ execution });
    expect(e.error).toBe(
      "shopops has no step called old_step. Update the workflow to one of the steps in shopops's manifest.",
    );
  });

  it("Create RACI task: the task is created with its roles and the step continues with its number and card link", async () => {
    const clock = new FixedClock("2026-11-30T02:00:00Z");
    h = await startHarness({ clock, env: { ADMIN_USER_IDS: "U0ADMIN" } });
    const run = await runStep(h, "create_raci_task", {
      created_by: "U0LEAD",
      title: "双11 主图更新",
      description: "三张主图",
      due_date: "2026-12-05",
      responsible: ["U0DESIGN"],
      accountable: "U0LEAD2",
      consulted: ["U0BRAND"],
      informed: ["U0CS"],
      channel: "C0OPS",
    });
    const e = await done(run);
    const task = await h.bot.deps.db.task.findFirstOrThrow();
    expect(task).toMatchObject({
      title: "双11 主图更新",
      dueDate: "2026-12-05",
      aId: "U0LEAD2",
      channelId: "C0OPS",
      createdBy: "U0LEAD",
    });
    const card = await h.bot.deps.db.outboxMessage.findUniqueOrThrow({ where: { id: task.messageId! } });
    expect(e.outputs).toEqual({
      task_number: task.number,
      message_link: `https://acme.slack.com/archives/C0OPS/p${card.ts!.replace(".", "")}`,
    });
    // R, C and A heard their part.
    for (const who of ["U0DESIGN", "U0BRAND", "U0LEAD2"])
      expect(h.fake.callsOf("chat.postMessage").some((m) => m.args.channel === who)).toBe(true);
  });

  it("Start promotion playbook: checklist posted, reminders planned, outputs the number, the checklist's link and T-30", async () => {
    const clock = new FixedClock("2026-09-01T02:00:00Z");
    h = await startHarness({ clock, env: { ADMIN_USER_IDS: "U0ADMIN" } });
    const run = await runStep(h, "start_promotion_playbook", {
      created_by: "U0LEAD",
      name: "双11 2026",
      event_date: "2026-11-11",
      channel: "C0PROMO",
      owner: "U0LEAD",
    });
    const e = await done(run);
    const c = await h.bot.deps.db.campaign.findFirstOrThrow();
    expect(c).toMatchObject({ name: "双11 2026", kind: "double11", eventDate: "2026-11-11", channelId: "C0PROMO" });
    const msg = await h.bot.deps.db.outboxMessage.findUniqueOrThrow({ where: { id: c.checklistMsgId! } });
    expect(e.outputs).toEqual({
      promotion_number: c.number,
      checklist_link: `https://acme.slack.com/archives/C0PROMO/p${msg.ts!.replace(".", "")}`,
      t30_date: "2026-10-12",
    });
    // Every checklist item has its reminders planned: the day before, the due day, the first overdue day.
    const items = await h.bot.deps.db.campaignItem.findMany({ where: { campaignId: c.id } });
    expect(items.length).toBeGreaterThan(5);
    const keys = new Set((await h.bot.deps.db.timer.findMany({ where: { kind: JOB_REMIND } })).map((t) => t.key));
    const planned = items.flatMap((i) => ["before", "due", "overdue:1"].map((w) => itemKey(c, i, w)));
    expect(planned.filter((k) => !keys.has(k))).toEqual([]);
    expect(keys.size).toBe(planned.length);
  });

  it("Record review: classified on the way in, outputs severity, cause and keywords; the same run records once", async () => {
    h = await startHarness({ env: { ADMIN_USER_IDS: "U0ADMIN" } });
    const run = await runStep(h, "record_review", {
      platform: "Tmall",
      sku: "CUP-1",
      rating: 1,
      text: "收到就是坏的，再不处理就去12315投诉",
      order: "TM-1",
    });
    await run.send();
    const e = await done(run);
    expect(await h.bot.deps.db.review.count()).toBe(1);
    expect(e.outputs).toMatchObject({ severity: "critical", cause: "quality" });
    expect(e.outputs!.matched_keywords).toEqual(expect.arrayContaining(["12315", "投诉"]));
    const calm = await done(
      await runStep(h, "record_review", {
        platform: "jd",
        sku: "CUP-1",
        rating: 5,
        text: "very nice cup",
        review_id: "JD-9",
      }),
    );
    expect(calm.outputs).toEqual({ severity: "none", cause: "none", matched_keywords: [] });
  });

  it("Wait for complaint resolution: completes when the case closes, after a restart in between, with the outcome and satisfaction", async () => {
    const clock = new FixedClock("2026-11-30T02:00:00Z");
    h = await startHarness({ clock, env: { ADMIN_USER_IDS: "U0ADMIN" } });
    await setUpTiers(h);
    const opened = await done(await runStep(h, "open_complaint_case", { ...complaint, agent: "U0OWNER" }));
    const caseId = String(opened.outputs!.case_id);
    const wait = await runStep(h, "wait_for_complaint_resolution", { case: caseId });
    const byNumber = await runStep(h, "wait_for_complaint_resolution", { case: `#${opened.outputs!.case_number}` });
    await settle(h);
    expect(wait.execution.state).toBe("running");
    expect(await h.bot.deps.db.caseWatcher.count({ where: { doneAt: null } })).toBe(2);

    await h.restart();
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
    const status = async () => (await h.bot.deps.db.complaintCase.findUniqueOrThrow({ where: { id: caseId } })).status;
    await click("complaint_ack", { value: caseId });
    await until(async () => (await status()) === "acknowledged");
    await click("complaint_resolve", { value: caseId });
    await until(async () => (await status()) === "resolved");
    await click("complaint_confirm", { value: caseId });
    await until(async () => (await status()) === "confirmed");
    await settle(h);
    expect(wait.execution.state).toBe("running");
    clock.set("2026-11-30T05:00:00Z");
    await click("complaint_rate", { selected: `${caseId}:4` });
    const e = await done(wait);
    expect(e).toMatchObject({
      state: "completed",
      outputs: {
        case_number: opened.outputs!.case_number,
        outcome: "none",
        satisfaction: 4,
        closed_at: Date.parse("2026-11-30T05:00:00Z") / 1000,
      },
    });
    expect((await done(byNumber)).state).toBe("completed");
    // Reopened and closed again: each run was completed once, and stays so.
    expect(completions(h, wait.execution)).toHaveLength(1);

    // A case closed already completes a new wait at once; an unknown case fails it, by name.
    expect((await done(await runStep(h, "wait_for_complaint_resolution", { case: caseId }))).outputs).toMatchObject({
      satisfaction: 4,
    });
    expect(
      (await done(await runStep(h, "wait_for_complaint_resolution", { case: "#999", agent: PEOPLE[1] }))).error,
    ).toContain("#999");
  });
});

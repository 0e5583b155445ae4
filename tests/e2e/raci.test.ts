import { afterEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import { pngSize } from "../../src/infra/chart.ts";
import { settle as settleAll, startHarness, until, type Harness } from "../support/harness.ts";
import { blockAction, viewSubmission } from "../support/payloads.ts";
import { interaction, slashCommand } from "../support/signed.ts";

describe("RACI tasks", () => {
  let h: Harness;
  let clock: FixedClock;
  afterEach(() => h?.stop());

  const start = async () => {
    clock = new FixedClock("2026-11-28T02:00:00Z");
    h = await startHarness({ clock, env: { DEFAULT_LOCALE: "en" } });
    for (const u of ["U0R", "U0A", "U0C", "U0I", "U0X"]) h.fake.users.set(u, { locale: "en-US", tz: "Asia/Shanghai" });
  };
  const settle = () => settleAll(h);
  const dms = (u: string) => h.fake.callsOf("chat.postMessage").filter((c) => c.args.channel === u);
  const create = (o: { r: string[]; a: string[]; c?: string[]; i?: string[]; user?: string }) =>
    interaction(
      h.baseUrl,
      viewSubmission({
        user: o.user ?? "U0A",
        callbackId: "raci_create",
        privateMetadata: "{}",
        values: {
          title: { title: { value: "上架新品 Spring mug" } },
          description: { description: { value: "Photos and copy" } },
          due: { due: { selected_date: "2026-12-01" } },
          r: { r: { selected_users: o.r } },
          a: { a: { selected_users: o.a } },
          c: { c: { selected_users: o.c ?? [] } },
          i: { i: { selected_conversations: o.i ?? [] } },
          channel: { channel: { selected_conversation: "C0OPS" } },
        },
      }),
    );
  const click = async (user: string, actionId: string, value: string) => {
    const id = `${actionId}${Math.random()}`;
    await interaction(
      h.baseUrl,
      blockAction({ user, channel: "C0OPS", messageTs: "1", actionId, value, responseUrl: h.fake.responseUrl(id) }),
    );
    return id;
  };
  const answer = (id: string) =>
    until(() => h.fake.responses.find((r) => r.id === id)).then((r) => String(r.body.text));
  const task = () => h.bot.deps.db.task.findFirstOrThrow();
  const buttons = (c: { args: Record<string, unknown> }) =>
    JSON.stringify(c.args.blocks ?? "").match(/raci_[a-z_]+/g) ?? [];

  it("DMs R, C and A with the right buttons; I hears nothing until approval, then one batched note", async () => {
    await start();
    expect((await create({ r: ["U0R"], a: ["U0A"], c: ["U0C"], i: ["U0I"] })).status).toBe(200);
    await until(() => h.bot.deps.db.task.findFirst());
    await settle();
    expect(buttons(dms("U0R")[0]!)).toEqual(["raci_accept", "raci_start", "raci_block", "raci_done"]);
    expect(buttons(dms("U0C")[0]!)).toEqual(["raci_answer"]);
    expect(buttons(dms("U0A")[0]!)).toEqual(["raci_waive"]);
    expect(dms("U0I")).toHaveLength(0);
    expect(
      h.fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "C0OPS" && !c.args.thread_ts),
    ).toHaveLength(1);

    const t = await task();
    // Done is refused while C hasn't answered.
    expect(await answer(await click("U0R", "raci_done", t.id))).toContain("<@U0C> must give input first");
    await interaction(
      h.baseUrl,
      viewSubmission({
        user: "U0C",
        callbackId: "raci_reason",
        privateMetadata: JSON.stringify({ taskId: t.id, action: "answer" }),
        values: { reason: { reason: { value: "Use the blue mug photo" } } },
      }),
    );
    await until(async () => (await task()).consults.includes("blue mug"));
    await click("U0R", "raci_done", t.id);
    await until(async () => (await task()).status === "ready");
    await settle();
    expect(dms("U0A").some((c) => buttons(c).join() === "raci_approve,raci_send_back")).toBe(true);
    expect(dms("U0I")).toHaveLength(0);
    await click("U0A", "raci_approve", t.id);
    await until(async () => (await task()).status === "approved");
    await settle();
    expect(dms("U0I")).toHaveLength(0);
    clock.set("2026-11-28T10:00:00Z"); // 18:00 in Shanghai
    await h.bot.scheduler.runDue();
    await settle();
    expect(dms("U0I")).toHaveLength(1);
    expect(String(dms("U0I")[0]!.args.text)).toContain("Task #1");
  });

  it("Accept, Start, Blocked… with a reason, Done, Send back with a reason: each through its button, each recorded", async () => {
    await start();
    await create({ r: ["U0R"], a: ["U0A"] });
    const t = await until(() => h.bot.deps.db.task.findFirst());
    const status = async () => (await task()).status;
    // Accept pressed in R's DM shows at once in that DM: the status now, the buttons that still apply.
    const pressed = `accept${Math.random()}`;
    await interaction(
      h.baseUrl,
      blockAction({
        user: "U0R",
        channel: "D0R",
        messageTs: "1",
        actionId: "raci_accept",
        value: t.id,
        responseUrl: h.fake.responseUrl(pressed),
      }),
    );
    await until(async () => (await status()) === "accepted");
    const echo = (await until(() => h.fake.responses.find((r) => r.id === pressed))).body;
    expect(echo.replace_original).toBe(true);
    expect(JSON.stringify(echo.blocks)).toContain("Status now: accepted");
    expect(buttons({ args: echo })).toEqual(["raci_start", "raci_block", "raci_done"]);
    await click("U0R", "raci_start", t.id);
    await until(async () => (await status()) === "in_progress");
    // Blocked… asks for the reason in a modal, then records it.
    const reason = async (user: string, actionId: string, why: string) => {
      const before = h.fake.callsOf("views.open").length;
      await click(user, actionId, t.id);
      const open = await until(() => h.fake.callsOf("views.open")[before]);
      const view = open.args.view as { callback_id: string; private_metadata: string };
      expect(view.callback_id).toBe("raci_reason");
      await interaction(
        h.baseUrl,
        viewSubmission({
          user,
          callbackId: view.callback_id,
          privateMetadata: view.private_metadata,
          values: { reason: { reason: { value: why } } },
        }),
      );
    };
    await reason("U0R", "raci_block", "waiting for the supplier's photos");
    await until(async () => (await status()) === "blocked");
    expect((await task()).blockedReason).toBe("waiting for the supplier's photos");
    await click("U0R", "raci_start", t.id);
    await until(async () => (await status()) === "in_progress");
    await click("U0R", "raci_done", t.id);
    await until(async () => (await status()) === "ready");
    await reason("U0A", "raci_send_back", "the price is wrong");
    await until(async () => (await status()) === "in_progress");
    expect((await task()).sentBackWhy).toBe("the price is wrong");
    await settle();
    // R heard why it came back; the card's thread has each step.
    expect(dms("U0R").some((c) => String(c.args.text).includes("the price is wrong"))).toBe(true);
    const thread = h.fake
      .callsOf("chat.postMessage")
      .filter((c) => c.args.channel === "C0OPS" && c.args.thread_ts)
      .map((c) => String(c.args.text));
    expect(thread.some((x) => x.includes("waiting for the supplier's photos"))).toBe(true);
    expect(thread.some((x) => x.includes("the price is wrong"))).toBe(true);
    // /task mine lists it for R, under R.
    await slashCommand(h.baseUrl, {
      command: "/task",
      text: "mine",
      user_id: "U0R",
      response_url: h.fake.responseUrl("mine"),
    });
    const mine = String((await until(() => h.fake.responses.find((r) => r.id === "mine"))).body.text);
    expect(mine).toContain("#1");
    expect(mine).toContain("上架新品 Spring mug");
  });

  it("the message shortcut and /task new open the form (the message as description, its link kept); /task overdue lists late tasks", async () => {
    await start();
    const { messageShortcut } = await import("../support/payloads.ts");
    await interaction(
      h.baseUrl,
      messageShortcut({
        callbackId: "raci_make_task",
        user: "U0A",
        channel: "C0OPS",
        responseUrl: h.fake.responseUrl("sc"),
        message: { user: "U0X", ts: "1700000000.000100", text: "Supplier photos are blurry" },
      }),
    );
    const fromMessage = await until(() => h.fake.callsOf("views.open")[0]);
    const view = fromMessage.args.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe("raci_create");
    expect(JSON.stringify(view)).toContain("Supplier photos are blurry");
    expect(JSON.parse(view.private_metadata).link).toMatch(/^https:\/\//);
    await slashCommand(h.baseUrl, {
      command: "/task",
      text: "new",
      user_id: "U0A",
      channel_id: "C0OPS",
      trigger_id: `${Date.now()}.1.abc`,
      response_url: h.fake.responseUrl("new"),
    });
    const fromCommand = await until(() => h.fake.callsOf("views.open")[1]);
    expect((fromCommand.args.view as { callback_id: string }).callback_id).toBe("raci_create");

    // Created through the form, due the next day; two days later it is overdue.
    await create({ r: ["U0R"], a: ["U0A"] });
    const t = await until(() => h.bot.deps.db.task.findFirst());
    await slashCommand(h.baseUrl, {
      command: "/task",
      text: "overdue",
      user_id: "U0A",
      response_url: h.fake.responseUrl("od1"),
    });
    expect(String((await until(() => h.fake.responses.find((r) => r.id === "od1"))).body.text)).not.toContain(
      `#${t.number}`,
    );
    clock.set("2026-12-03T02:00:00Z");
    await slashCommand(h.baseUrl, {
      command: "/task",
      text: "overdue",
      user_id: "U0A",
      response_url: h.fake.responseUrl("od2"),
    });
    const late = String((await until(() => h.fake.responses.find((r) => r.id === "od2"))).body.text);
    expect(late).toContain("*Overdue tasks*");
    expect(late).toContain(`#${t.number}`);
  });

  it("refuses a due date in the past or one that is not a date, in the form, naming the field", async () => {
    await start();
    const withDue = (date: string) =>
      interaction(
        h.baseUrl,
        viewSubmission({
          user: "U0A",
          callbackId: "raci_create",
          privateMetadata: "{}",
          values: {
            title: { title: { value: "Restock" } },
            description: { description: { value: "" } },
            due: { due: { selected_date: date } },
            r: { r: { selected_users: ["U0R"] } },
            a: { a: { selected_users: ["U0A"] } },
            c: { c: { selected_users: [] } },
            i: { i: { selected_conversations: [] } },
            channel: { channel: { selected_conversation: "C0OPS" } },
          },
        }),
      );
    const past = await withDue("2020-01-15");
    expect(past.status).toBe(200);
    expect(JSON.parse(past.text).errors.due).toBe(
      "2020-01-15 is in the past (today is 2026-11-28): pick today or a later day.",
    );
    const crafted = await withDue("2026-02-31x");
    expect(crafted.status).toBe(200);
    expect(JSON.parse(crafted.text).errors.due).toContain("is not a date");
    expect(await h.bot.deps.db.task.count()).toBe(0);
    expect((await withDue("2026-11-28")).status).toBe(200);
    await until(() => h.bot.deps.db.task.findFirst());
  });

  it("refuses a non-A approving, a non-R marking done, two A's and no R, each with a clear answer", async () => {
    await start();
    const two = await create({ r: ["U0R"], a: ["U0A", "U0X"] });
    expect(JSON.parse(two.text).errors.a).toContain("exactly one Accountable");
    const none = await create({ r: [], a: ["U0A"] });
    expect(JSON.parse(none.text).errors.r).toContain("at least one Responsible");
    const self = await create({ r: ["U0A"], a: ["U0A"] });
    expect(JSON.parse(self.text).errors.a).toContain("only R");
    expect(await h.bot.deps.db.task.count()).toBe(0);

    await create({ r: ["U0R"], a: ["U0A"] });
    const t = await until(() => h.bot.deps.db.task.findFirst());
    expect(await answer(await click("U0X", "raci_done", t.id))).toContain("Only the task's R (<@U0R>)");
    await click("U0R", "raci_done", t.id);
    await until(async () => (await task()).status === "ready");
    expect(await answer(await click("U0R", "raci_approve", t.id))).toContain("Only the task's A (<@U0A>)");
    expect(await answer(await click("U0X", "raci_send_back", t.id))).toContain("Only the task's A");
    expect((await task()).status).toBe("ready");
    expect(h.fake.callsOf("views.open")).toHaveLength(0);
  });

  it("runs the new-product-launch flow's four tasks in order, telling each R only when its turn comes; the matrix PNG has the Chinese role names", async () => {
    await start();
    const roles: [string, string][] = [
      ["operations", "U0OPS"],
      ["purchasing", "U0BUY"],
      ["content", "U0CNT"],
      ["marketing", "U0MKT"],
      ["ops_lead", "U0LEAD"],
    ];
    for (const [, u] of roles) h.fake.users.set(u, { locale: "zh-CN" });
    // The role map is an admin's to change: U0LEAD is a workspace admin in Slack.
    h.fake.users.set("U0LEAD", { locale: "zh-CN", isAdmin: true });
    for (const [role, u] of roles) {
      await slashCommand(h.baseUrl, {
        command: "/task",
        text: `role ${role} <@${u}|x>`,
        user_id: "U0LEAD",
        response_url: h.fake.responseUrl(role),
      });
      await until(() => h.fake.responses.find((r) => r.id === role));
    }
    await slashCommand(h.baseUrl, {
      command: "/task",
      text: "flow new_product_launch 春季杯",
      user_id: "U0LEAD",
      channel_id: "C0OPS",
      response_url: h.fake.responseUrl("flow"),
    });
    expect(String((await until(() => h.fake.responses.find((r) => r.id === "flow"))).body.text)).toContain(
      "共 4 步；第 1 步由 <@U0OPS> 负责",
    );
    await settle();
    const rs = ["U0OPS", "U0BUY", "U0CNT", "U0MKT"];
    // Only step 1's R hears of the flow at first; the others wait for their turn.
    expect(rs.map((u) => dms(u).length)).toEqual([1, 0, 0, 0]);
    for (const [step, r] of rs.entries()) {
      const t = await h.bot.deps.db.task.findFirstOrThrow({ where: { flowStep: step } });
      expect(t.status).toBe("open");
      const later = await h.bot.deps.db.task.count({ where: { flowStep: { gt: step }, status: { not: "waiting" } } });
      expect(later).toBe(0);
      expect(
        dms(r).some((c) => String(c.args.text).includes("Responsible") || String(c.args.text).includes("负责人")),
      ).toBe(true);
      const consults = JSON.parse(t.consults) as Record<string, unknown>;
      for (const c of Object.keys(consults)) await click("U0LEAD", "raci_waive", t.id).then(() => c);
      await until(async () =>
        Object.values(
          JSON.parse((await h.bot.deps.db.task.findUniqueOrThrow({ where: { id: t.id } })).consults) as object[],
        ).every((v) => Object.keys(v).length > 0),
      );
      await click(r, "raci_done", t.id);
      await until(async () => (await h.bot.deps.db.task.findUniqueOrThrow({ where: { id: t.id } })).status === "ready");
      await click("U0LEAD", "raci_approve", t.id);
      await until(
        async () => (await h.bot.deps.db.task.findUniqueOrThrow({ where: { id: t.id } })).status === "approved",
      );
      await settle();
    }
    await slashCommand(h.baseUrl, {
      command: "/task",
      text: "matrix 1",
      user_id: "U0LEAD",
      response_url: h.fake.responseUrl("matrix"),
    });
    const upload = await until(() => h.fake.callsOf("files.completeUploadExternal")[0]);
    // A picture with a caption (the legend), not a pipe table.
    expect(String(upload.args.initial_comment)).toContain("R 负责执行");
    expect(String(upload.args.initial_comment)).not.toContain("|");
    const png = h.fake.uploads.get((upload.args.files as { id: string }[])[0]!.id)!;
    expect(pngSize(png)?.width).toBeGreaterThan(800);
    expect((await h.bot.deps.db.task.findFirstOrThrow({ where: { flowStep: 0 } })).title).toBe(
      "春季杯 · 市场调研与选品",
    );
    if (process.env.SAVE_PICTURES) (await import("node:fs")).writeFileSync("docs/raci-matrix.png", png);
  });

  it("reminds R when overdue and then A after the grace period, once each across a restart", async () => {
    await start();
    await create({ r: ["U0R"], a: ["U0A"] });
    await until(() => h.bot.deps.db.task.findFirst());
    await settle();
    const before = { r: dms("U0R").length, a: dms("U0A").length };
    const run = async (iso: string) => {
      clock.set(iso);
      await h.bot.scheduler.runDue();
      await settle();
    };
    await run("2026-12-02T00:59:00Z");
    expect(dms("U0R").length).toBe(before.r + 1); // the day-before reminder (11-30 09:00)
    await run("2026-12-02T01:00:00Z"); // 12-02 09:00: overdue
    expect(
      dms("U0R")
        .map((c) => String(c.args.text))
        .filter((x) => x.includes("🔴")),
    ).toHaveLength(1);
    expect(dms("U0A")).toHaveLength(before.a);
    await h.restart();
    await run("2026-12-03T12:00:00Z");
    expect(
      dms("U0R")
        .map((c) => String(c.args.text))
        .filter((x) => x.includes("🔴")),
    ).toHaveLength(1);
    // R snoozes the overdue reminder: it comes back once, a day later.
    const overdueDm = dms("U0R").find((c) => String(c.args.text).includes("🔴"))!;
    const snoozeKey = (JSON.stringify(overdueDm.args.blocks).match(/"value":"(raci:[^"]+)"/) ?? [])[1]!;
    await click("U0R", "raci_snooze", snoozeKey);
    await until(() => h.bot.deps.db.timer.findFirst({ where: { key: { contains: ":snooze:" } } }));
    await run("2026-12-04T01:00:00Z"); // grace of two days: A hears
    expect(
      dms("U0A")
        .map((c) => String(c.args.text))
        .filter((x) => x.includes("🚨")),
    ).toHaveLength(1);
    await run("2026-12-04T11:59:00Z");
    expect(
      dms("U0R")
        .map((c) => String(c.args.text))
        .filter((x) => x.includes("🔴")),
    ).toHaveLength(1);
    await run("2026-12-04T12:00:00Z"); // 24 h after the snooze, clicked at 2026-12-03 12:00
    expect(
      dms("U0R")
        .map((c) => String(c.args.text))
        .filter((x) => x.includes("🔴")),
    ).toHaveLength(2);
    await h.restart();
    await run("2026-12-05T01:00:00Z");
    expect(
      dms("U0A")
        .map((c) => String(c.args.text))
        .filter((x) => x.includes("🚨")),
    ).toHaveLength(1);
  });
});

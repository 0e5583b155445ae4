// A runbook opened from a T0 alert, worked step by step and decided, then found in the audit
// export; and the export of a month with something done in every feature, checked row for row.
import { afterEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import { runAt, settle, startHarness, until, type Harness } from "../support/harness.ts";
import { blockAction } from "../support/payloads.ts";
import { interaction, slashCommand } from "../support/signed.ts";
import { runStep } from "../support/steps.ts";
import { escalateFromThread, setUpTiers } from "./complaints-support.ts";

const TOKEN = "metrics-token-0123456789abcdef";
const EXPORT = "export-token-0123456789abcdef";
const PROMO = "C0PROMO";

/** RFC 4180 rows of a CSV text (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  return rows;
}

describe("runbooks and the audit export", () => {
  let h: Harness;
  afterEach(() => h.stop());

  const cmd = async (command: string, user: string, text: string, channel = PROMO) => {
    const id = `c${Math.random()}`;
    const res = await slashCommand(h.baseUrl, {
      command,
      text,
      user_id: user,
      channel_id: channel,
      response_url: h.fake.responseUrl(id),
    });
    if (res.text) return JSON.parse(res.text).text as string;
    return String((await until(() => h.fake.responses.find((r) => r.id === id))).body.text);
  };
  const press = (user: string, actionId: string, o: { value?: string; selected?: string }) => {
    const id = `a${Math.random()}`;
    return interaction(
      h.baseUrl,
      blockAction({ user, channel: PROMO, messageTs: "1.1", actionId, ...o, responseUrl: h.fake.responseUrl(id) }),
    ).then(() => id);
  };
  const answer = async (id: string) => String((await until(() => h.fake.responses.find((r) => r.id === id))).body.text);
  /** The CSV file the bot shared in a DM, as bytes. */
  const sharedCsv = async (user: string) => {
    const done = await until(() =>
      h.fake.callsOf("files.completeUploadExternal").find((c) => c.args.channel_id === `D${user.slice(1)}`),
    );
    const files = done.args.files;
    const file = (typeof files === "string" ? JSON.parse(files) : files)[0] as { id: string };
    return h.fake.ws.files.get(file.id)!.bytes;
  };

  it("a runbook opened from an alert: each step owned through the role map, the decision-maker's call, all of it in the export", async () => {
    const clock = new FixedClock("2026-11-10T08:00:00Z");
    h = await startHarness({
      clock,
      env: { METRICS_WEBHOOK_TOKEN: TOKEN, ADMIN_USER_IDS: "U0LEAD", DEFAULT_LOCALE: "en" },
    });
    for (const u of ["U0LEAD", "U0BUY", "U0OPS", "U0CS", "U0BOSS"])
      h.fake.users.set(u, { locale: "en-US", tz: "Asia/Shanghai" });
    for (const [role, who] of [
      ["purchasing", "U0BUY"],
      ["operations", "U0OPS"],
      ["customer_service", "U0CS"],
      ["ops_lead", "U0BOSS"],
    ]) {
      expect(await cmd("/task", "U0LEAD", `role ${role} <@${who}|x>`)).toContain(role);
    }
    // Last year's event, spread evenly over its day: this year's plan is 100,000 an hour.
    await h.bot.deps.db.campaign.create({
      data: {
        number: 900,
        name: "双11 2025",
        kind: "double11",
        eventDate: "2025-11-11",
        timeZone: "Asia/Shanghai",
        channelId: PROMO,
        ownerId: "U0LEAD",
        templateId: "none",
        createdAt: new Date("2025-10-01T00:00:00Z"),
      },
    });
    const even = Array.from({ length: 24 }, (_, hour) => ({
      date: "2025-11-11",
      hour,
      store: "shop1",
      channel: "app",
      uv: 1000,
      buyers: 30,
      orders: 30,
      gmv: 50_000,
    }));
    await fetch(`${h.baseUrl}/webhooks/metrics`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(even),
    });
    await cmd("/promo", "U0LEAD", `new 双11 2026 2026-11-11 <#${PROMO}|promo>`);
    const c = await until(() => h.bot.deps.db.campaign.findFirst({ where: { name: "双11 2026" } }));
    await cmd("/promo", "U0LEAD", `warroom ${c.number} plan 2400000`);
    // Thresholds of its own, checked: rising, each under 100%.
    expect(await cmd("/promo", "U0LEAD", `warroom ${c.number} rules 50% 30% 20%`)).toContain(
      "doesn't work as thresholds",
    );
    expect(await cmd("/promo", "U0LEAD", `warroom ${c.number} rules 20% 30% 50%`)).toContain(
      "notice at 20% under plan for an hour, warning at 30% and critical at 50%",
    );
    // T0: hour 0 on plan (100,000), hour 1 at 40,000: 60% under → a notice at 02:05.
    const rows = (hour: number, gmv: number) => [
      { date: "2026-11-11", hour, store: "shop1", channel: "app", uv: 1000, buyers: 30, orders: 30, gmv },
    ];
    const post = (body: unknown) =>
      fetch(`${h.baseUrl}/webhooks/metrics`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    await post(rows(0, 100_000));
    await runAt(h, clock, "2026-11-10T17:05:00Z");
    await post(rows(1, 40_000));
    await runAt(h, clock, "2026-11-10T18:05:00Z");
    const alert = await h.bot.deps.db.metricAlert.findFirstOrThrow({ where: { rule: "t0.gmv_under_plan" } });
    const alertMsg = h.fake
      .callsOf("chat.postMessage")
      .find((m) => m.args.channel === PROMO && String(m.args.text).startsWith("🔵"))!;
    const menu = JSON.stringify(alertMsg.args.blocks);
    expect(menu).toContain(`${c.id}:stockout:${alert.id}`);

    // Acknowledge: once, by whoever presses first; a second press on the same card is told.
    await press("U0OPS", "promo_t0_ack", { value: `${alert.id}.${alert.version}` });
    await until(
      async () =>
        (await h.bot.deps.db.metricAlert.findUniqueOrThrow({ where: { id: alert.id } })).status === "acknowledged",
    );
    expect(await answer(await press("U0BUY", "promo_t0_ack", { value: `${alert.id}.${alert.version}` }))).toContain(
      "already acknowledged",
    );
    await settle(h);
    expect(
      JSON.stringify(
        h.fake
          .callsOf("chat.update")
          .filter((u) => String(u.args.text).startsWith("🔵"))
          .at(-1)?.args.blocks,
      ),
    ).toContain("Acknowledged by <@U0OPS>");

    // Open runbook → Stock-out, from the alert's menu.
    expect(
      await answer(await press("U0OPS", "promo_t0_runbook", { selected: `${c.id}:stockout:${alert.id}` })),
    ).toContain("Stock-out");
    const run = await until(() => h.bot.deps.db.runbookRun.findFirst());
    expect(run.alertId).toBe(alert.id);
    await settle(h);
    const isRunbook = (m: { args: Record<string, unknown> }) =>
      /📕 Runbook \d+: Stock-out · /.test(String(m.args.text));
    // The card as it shows now: its last edit, or the post itself before any edit.
    const card = () =>
      JSON.stringify(
        (h.fake.callsOf("chat.update").filter(isRunbook).at(-1) ?? h.fake.callsOf("chat.postMessage").find(isRunbook)!)
          .args.blocks,
      );
    // Named as alerts name the promotion: by its own number, the runbook's number beside its title.
    expect(String(h.fake.callsOf("chat.postMessage").find(isRunbook)!.args.text)).toMatch(
      new RegExp(`📕 Runbook ${run.number}: Stock-out · .* \\(#${c.number}\\)`),
    );
    expect(card()).toContain("1. Check real and in-transit stock · <@U0BUY>");
    expect(card()).toContain("2. Move venue slots to substitute products · <@U0OPS>");
    expect(card()).toContain("3. Customer service prepares the stock-out script and compensation · <@U0CS>");
    expect(card()).toContain("*Decision* (<@U0BOSS>): Take the product off the venue or switch it to pre-sale?");

    // Step 1 is U0BUY's: someone else is told so; U0BUY ticks it.
    expect(await answer(await press("U0CS", "promo_rb_step", { value: `${run.id}.${run.version}:0` }))).toContain(
      "Only <@U0BUY>",
    );
    await press("U0BUY", "promo_rb_step", { value: `${run.id}.${run.version}:0` });
    await until(
      async () =>
        (await h.bot.deps.db.runbookRun.findUniqueOrThrow({ where: { id: run.id } })).version === run.version + 1,
    );
    // The first step's clock was stopped by it: 15 minutes later nobody is called.
    await runAt(h, clock, "2026-11-10T18:25:00Z");
    expect(
      h.fake.callsOf("chat.postMessage").some((m) => String(m.args.text).includes("isn't done after 15 minutes")),
    ).toBe(false);
    // Only the decision-maker decides.
    const now = await h.bot.deps.db.runbookRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(
      await answer(await press("U0OPS", "promo_rb_decide_stop", { value: `${run.id}.${now.version}:stop` })),
    ).toContain("Only <@U0BOSS>");
    await press("U0BOSS", "promo_rb_decide_stop", { value: `${run.id}.${now.version}:stop` });
    await until(
      async () => (await h.bot.deps.db.runbookRun.findUniqueOrThrow({ where: { id: run.id } })).decision === "stop",
    );
    await settle(h);
    expect(card()).toContain("→ *Stop* by <@U0BOSS>");
    expect(card()).toContain("done by <@U0BUY>");
    // The runbook's canvas in the channel keeps the same record: made when it opened, its steps
    // and decision tables replaced on each change; the team's notes under them stay.
    const canvas = [...h.fake.ws.canvases.values()].find((x) => x.title.includes("Stock-out"))!;
    expect(canvas.channel).toBe(c.channelId);
    expect(h.fake.callsOf("canvases.create").filter((x) => String(x.args.title).includes("Stock-out"))).toHaveLength(1);
    const table = (tag: string) => canvas.sections.filter((x) => x.markdown.startsWith(`| ${tag}`));
    expect(table("📋 Step")).toHaveLength(1);
    expect(table("📋 Step")[0]!.markdown).toContain(
      "| ✅ 1 | Check real and in-transit stock | ![](@U0BUY) | ![](@U0BUY) | 11-11 02:05 (UTC+8) |",
    );
    expect(table("📋 Step")[0]!.markdown).toContain(
      "| ⬜ 2 | Move venue slots to substitute products | ![](@U0OPS) |  |",
    );
    expect(table("⚖️ Question")[0]!.markdown).toContain(
      "| Take the product off the venue or switch it to pre-sale? | ![](@U0BOSS) | Stop | ![](@U0BOSS) 11-11 02:25 (UTC+8) |",
    );
    expect(canvas.sections.some((x) => x.markdown === "## Notes")).toBe(true);

    // A second runbook whose first step nobody does: its owner and the decision-maker are called at 15 minutes.
    await cmd("/promo", "U0LEAD", `runbook ${c.number} fraud`);
    await runAt(h, clock, "2026-11-10T18:41:00Z");
    expect(
      h.fake.callsOf("chat.postMessage").some((m) => String(m.args.text).includes("isn't done after 15 minutes")),
    ).toBe(true);

    // All of it in the export.
    expect(await cmd("/shopops", "U0LEAD", "export 2026-11-01 2026-11-30 promo")).toContain("coming to your DM");
    const csv = parseCsv((await sharedCsv("U0LEAD")).toString("utf8").replace(/^\uFEFF/, ""));
    const whats = csv.slice(1).map((r) => [r[1], r[3], r[6], r[7]]);
    expect(whats).toEqual(
      expect.arrayContaining([
        ["U0LEAD", "t0_plan", "", "2400000"],
        ["U0LEAD", "t0_rules", "20% 30% 50%", "20% 30% 50%"],
        ["shopops", "t0_alert_gmv_under_plan", "", "notice"],
        ["U0OPS", "t0_alert_acknowledged", "open", "acknowledged"],
        ["U0OPS", "runbook_opened", "", "purchasing=U0BUY operations=U0OPS customer_service=U0CS"],
        ["U0BUY", "runbook_step_done", "open", "done"],
        ["U0BOSS", "runbook_decided", "", "stop"],
        ["shopops", "runbook_first_step_late", "", ""],
      ]),
    );
  });

  it("exports a month with activity in every feature, row for row, as UTF-8 with a BOM; only admins; the same over HTTP with its token", async () => {
    const clock = new FixedClock("2026-11-20T02:00:00Z");
    h = await startHarness({ clock, env: { ADMIN_USER_IDS: "U0ADMIN", EXPORT_TOKEN: EXPORT, DEFAULT_LOCALE: "en" } });
    await setUpTiers(h);
    // Something in every feature: a promotion, a task (through the Workflow Builder step), a
    // complaint case worked a little, a review keyword, a metrics target.
    await cmd("/promo", "U0ADMIN", `new 双12 2026 2026-12-12 <#${PROMO}|promo>`);
    await until(() => h.bot.deps.db.campaign.findFirst());
    await runStep(h, "create_raci_task", {
      created_by: "U0ADMIN",
      title: "备货=SUM(A1)",
      due_date: "2026-12-01",
      responsible: ["U0R"],
      accountable: "U0A",
      channel: "C0OPS",
    });
    await until(() => h.bot.deps.db.task.findFirst());
    const cse = await escalateFromThread(h, { urgency: "urgent" });
    await interaction(
      h.baseUrl,
      blockAction({
        user: "U0OWNER",
        channel: "C0TIER1",
        messageTs: "1",
        actionId: "complaint_ack",
        value: cse.id,
        responseUrl: h.fake.responseUrl("ack"),
      }),
    );
    await until(
      async () =>
        (await h.bot.deps.db.complaintCase.findUniqueOrThrow({ where: { id: cse.id } })).status === "acknowledged",
    );
    await cmd("/reviews", "U0ADMIN", "keyword add 掉漆 quality warning");
    await cmd("/metrics", "U0ADMIN", "target shop1 2026-11 3000000");
    // Something outside the month is not exported.
    clock.set("2026-12-02T02:00:00Z");
    await cmd("/metrics", "U0ADMIN", "target shop1 2026-12 4000000");
    await settle(h);

    expect(await cmd("/shopops", "U0SOMEONE", "export 2026-11-01 2026-11-30")).toContain("Only a workspace admin");
    // A refusal is in the asker's language, not the workspace's.
    h.fake.users.set("U0ZH", { locale: "zh-CN" });
    expect(await cmd("/shopops", "U0ZH", "export 2026-11-01 2026-11-30")).toContain("只有工作区管理员");
    expect(await cmd("/shopops", "U0ADMIN", "export 2026-11-01 2026-11-31")).toContain("2026-11-31");
    expect(await cmd("/shopops", "U0ADMIN", "export 2026-11-01 2026-11-30")).toContain("2026-11-01");
    const bytes = await sharedCsv("U0ADMIN");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8").slice(1);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(["when", "who", "feature", "what", "object", "object_id", "before", "after", "channel"]);

    // Row for row: every ActionLog row and every complaint event of the month, and nothing else.
    const start = new Date("2026-10-31T16:00:00Z");
    const end = new Date("2026-11-30T16:00:00Z");
    const logged = await h.bot.deps.db.actionLog.findMany({ where: { at: { gte: start, lt: end } } });
    const events = await h.bot.deps.db.complaintEvent.findMany({ where: { at: { gte: start, lt: end } } });
    expect(rows).toHaveLength(logged.length + events.length);
    const key = (feature: string, what: string, id: string) => `${feature}|${what}|${id}`;
    expect(rows.map((r) => key(r[2]!, r[3]!, r[5]!)).sort()).toEqual(
      [
        ...logged.map((l) => key(l.feature, l.action, l.objectId)),
        ...events.map((e) => key("complaint", e.kind, e.caseId)),
      ].sort(),
    );
    expect(new Set(rows.map((r) => r[2]))).toEqual(new Set(["promo", "task", "complaint", "reviews", "metrics"]));
    // Chinese intact, user text as written, times in the team's zone.
    expect(text).toContain("双12 2026");
    expect(rows.find((r) => r[3] === "created" && r[2] === "task")![4]).toBe("#1 备货=SUM(A1)");
    expect(rows.find((r) => r[3] === "acknowledged")).toMatchObject({
      1: "U0OWNER",
      6: "open",
      7: "acknowledged",
      8: "C0TIER1",
    });
    expect(rows[0]![0]).toMatch(/^2026-11-20 10:0\d:\d\d \+08:00$/);
    expect(text).not.toContain("4000000");

    // Other systems: the same file over HTTP with the export token; 401 without it, 400 naming a bad field.
    const url = `${h.baseUrl}/export/actions.csv?from=2026-11-01&to=2026-11-30`;
    expect((await fetch(url)).status).toBe(401);
    expect(
      await (
        await fetch(`${h.baseUrl}/export/actions.csv?from=2026-11-01&to=nope`, {
          headers: { authorization: `Bearer ${EXPORT}` },
        })
      ).json(),
    ).toMatchObject({ field: "to" });
    const res = await fetch(url, { headers: { authorization: `Bearer ${EXPORT}` } });
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });
});

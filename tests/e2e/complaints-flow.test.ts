import { afterEach, describe, expect, it } from "vitest";
import { firstTable } from "../support/table-cells.ts";
import { FixedClock } from "../../src/infra/clock.ts";
import { startHarness, until, type Harness } from "../support/harness.ts";
import { blockAction, viewSubmission } from "../support/payloads.ts";
import { interaction } from "../support/signed.ts";
import { command, escalateFromThread, PEOPLE, postsTo, setUpTiers, TIER_CHANNEL } from "./complaints-support.ts";

describe("working a complaint to the end", () => {
  let h: Harness;
  afterEach(() => h.stop());

  const click = (user: string, actionId: string, value: string, id = `${actionId}${Math.random()}`) =>
    interaction(
      h.baseUrl,
      blockAction({
        user,
        channel: TIER_CHANNEL[1],
        messageTs: "1.1",
        actionId,
        value,
        responseUrl: h.fake.responseUrl(id),
      }),
    ).then(() => id);
  const reload = (id: string) => h.bot.deps.db.complaintCase.findUniqueOrThrow({ where: { id } });

  it("before tiers are set up, says so with the command to run instead of opening a form that can't be submitted", async () => {
    h = await startHarness({ env: { DEFAULT_LOCALE: "en" } });
    h.fake.users.set("U0AGENT", { locale: "en-US" });
    const { messageShortcut } = await import("../support/payloads.ts");
    await interaction(
      h.baseUrl,
      messageShortcut({
        callbackId: "complaint_escalate",
        user: "U0AGENT",
        channel: "C0SUPPORT",
        responseUrl: h.fake.responseUrl("sc"),
        message: { user: "U0CUST", ts: "1.2", text: "broken cup" },
      }),
    );
    expect(String((await until(() => h.fake.responses.find((r) => r.id === "sc"))).body.text)).toContain(
      "No complaint tiers are set up yet. An admin sets them with `/complaint tier 1",
    );
    const viaCommand = await command(h, "U0AGENT", "new");
    expect(viaCommand.text).toContain("No complaint tiers are set up yet");
    expect(h.fake.callsOf("views.open")).toHaveLength(0);
  });

  it("runs a 2-second SLA end to end on the running scheduler, woken by the clock alone", async () => {
    const clock = new FixedClock("2026-11-28T02:00:00Z");
    // The scheduler and the outbox run by themselves (no runDue): moving the clock wakes them.
    h = await startHarness({ clock, manualScheduler: false, env: { ADMIN_USER_IDS: "U0ADMIN" } });
    await setUpTiers(h);
    await command(h, "U0ADMIN", "policy urgent 2s warn 50%");
    const c = await escalateFromThread(h, { urgency: "urgent" });
    clock.advance(999);
    // Not a millisecond early: nothing is due yet.
    expect(await h.bot.scheduler.msUntilNext()).toBe(1);
    clock.advance(1);
    await until(() => postsTo(h, TIER_CHANNEL[1]).some((m) => String(m.args.text).includes("50%")), 20_000);
    expect((await reload(c.id)).tier).toBe(1);
    clock.advance(1000);
    await until(async () => (await reload(c.id)).tier === 2, 20_000);
    await until(() => postsTo(h, TIER_CHANNEL[2]).length > 0, 20_000);
  });

  it("refuses strangers and needs tier 3 for a large refund, explaining each refusal", async () => {
    h = await startHarness({ env: { ADMIN_USER_IDS: "U0ADMIN" } });
    h.fake.users.set("U0STRANGER", { locale: "en-US" });
    h.fake.users.set(PEOPLE[1], { locale: "en-US" });
    // The owner reads English; the workspace (and so the tier channels) Chinese.
    h.fake.users.set("U0OWNER", { locale: "en-US" });
    await setUpTiers(h);
    const c = await escalateFromThread(h, { urgency: "urgent" });

    const refused = await click("U0STRANGER", "complaint_ack", c.id);
    const answer = await until(() => h.fake.responses.find((r) => r.id === refused));
    expect(answer.body.text).toContain("Only the case owner");
    expect((await reload(c.id)).status).toBe("open");

    // Propose a ¥800 partial refund (above the default ¥500): it waits for tier 3.
    await click(PEOPLE[1], "complaint_remedy_open", c.id);
    const modal = await until(() =>
      h.fake
        .callsOf("views.open")
        .find((v) => (v.args.view as { callback_id: string }).callback_id === "complaint_remedy"),
    );
    const opt = (value: string) => ({ text: { type: "plain_text", text: value }, value });
    const bad = await interaction(
      h.baseUrl,
      viewSubmission({
        user: PEOPLE[1],
        callbackId: "complaint_remedy",
        privateMetadata: (modal.args.view as { private_metadata: string }).private_metadata,
        values: {
          remedy_kind: { remedy_kind: { selected_option: opt("partial_refund") } },
          amount: { amount: { value: "eight hundred" } },
          note: { note: { value: null } },
        },
      }),
    );
    expect(JSON.parse(bad.text).errors.amount).toContain("number");
    await interaction(
      h.baseUrl,
      viewSubmission({
        user: PEOPLE[1],
        callbackId: "complaint_remedy",
        privateMetadata: (modal.args.view as { private_metadata: string }).private_metadata,
        values: {
          remedy_kind: { remedy_kind: { selected_option: opt("partial_refund") } },
          amount: { amount: { value: "800" } },
          note: { note: { value: "碎了" } },
        },
      }),
    );
    await until(async () => (await reload(c.id)).remedy?.includes("pending_approval"));
    const notAllowed = await click(PEOPLE[1], "complaint_remedy_approve", c.id);
    expect((await until(() => h.fake.responses.find((r) => r.id === notAllowed))).body.text).toContain("tier 3");
    expect((await reload(c.id)).remedy).toContain("pending_approval");
    await click(PEOPLE[3], "complaint_remedy_approve", c.id);
    await until(async () => (await reload(c.id)).remedy?.includes('"approved"'));

    // Every message in one language: the channel's thread in Chinese (fragments too), the
    // owner's DMs in English. It used to read "<@U0SUPER> approved了补救方案：Partial refund ¥800".
    await until(async () => (await h.bot.deps.db.outboxMessage.count({ where: { status: "pending" } })) === 0);
    const thread = h.fake
      .callsOf("chat.postMessage")
      .filter((m) => m.args.channel === TIER_CHANNEL[1] && m.args.thread_ts)
      .map((m) => String(m.args.text));
    expect(thread).toContain(`<@${PEOPLE[3]}> 批准了补救方案：部分退款 ¥800。`);
    expect(thread.some((x) => x.includes("紧急") && x.includes("产品质量"))).toBe(true);
    expect(thread.filter((x) => /Urgent|Product quality|Partial refund|approved/.test(x))).toEqual([]);
    const dms = h.fake
      .callsOf("chat.postMessage")
      .filter((m) => m.args.channel === "U0OWNER")
      .map((m) => String(m.args.text));
    expect(dms.some((x) => x.includes(`<@${PEOPLE[3]}> approved the remedy: Partial refund ¥800.`))).toBe(true);
    expect(dms.filter((x) => /批准|部分退款|补救方案/.test(x))).toEqual([]);
  });

  it("Escalate now with a reason, a rejected remedy, Resolve and Reopen from the card, and /complaint list", async () => {
    h = await startHarness({ env: { ADMIN_USER_IDS: "U0ADMIN", DEFAULT_LOCALE: "en" } });
    for (const u of ["U0OWNER", PEOPLE[1], PEOPLE[2], PEOPLE[3]]) h.fake.users.set(u, { locale: "en-US" });
    await setUpTiers(h);
    const c = await escalateFromThread(h, { urgency: "urgent" });
    const card = async () => {
      const x = await reload(c.id);
      return `${x.id}.${x.version}`;
    };

    // Escalate now: the button opens a modal for the reason; submitting moves the case to tier 2.
    await click(PEOPLE[1], "complaint_escalate_open", await card());
    const open = await until(() =>
      h.fake
        .callsOf("views.open")
        .find((v) => (v.args.view as { callback_id: string }).callback_id === "complaint_escalate_now"),
    );
    const view = open.args.view as { private_metadata: string };
    const empty = await interaction(
      h.baseUrl,
      viewSubmission({
        user: PEOPLE[1],
        callbackId: "complaint_escalate_now",
        privateMetadata: view.private_metadata,
        values: { reason: { reason: { value: "" } } },
      }),
    );
    expect(JSON.parse(empty.text)).toEqual({ response_action: "errors", errors: { reason: "Say why (a few words)." } });
    await interaction(
      h.baseUrl,
      viewSubmission({
        user: PEOPLE[1],
        callbackId: "complaint_escalate_now",
        privateMetadata: view.private_metadata,
        values: { reason: { reason: { value: "customer is a journalist" } } },
      }),
    );
    await until(async () => (await reload(c.id)).tier === 2);
    expect(await h.bot.deps.db.complaintEvent.count({ where: { caseId: c.id, kind: "escalated" } })).toBe(1);

    // A remedy above the limit, rejected by tier 3.
    await click(PEOPLE[2], "complaint_remedy_open", await card());
    const remedy = await until(() =>
      h.fake
        .callsOf("views.open")
        .find((v) => (v.args.view as { callback_id: string }).callback_id === "complaint_remedy"),
    );
    const opt = (value: string) => ({ text: { type: "plain_text", text: value }, value });
    await interaction(
      h.baseUrl,
      viewSubmission({
        user: PEOPLE[2],
        callbackId: "complaint_remedy",
        privateMetadata: (remedy.args.view as { private_metadata: string }).private_metadata,
        values: {
          remedy_kind: { remedy_kind: { selected_option: opt("full_refund") } },
          amount: { amount: { value: "1200" } },
          note: { note: { value: null } },
        },
      }),
    );
    await until(async () => (await reload(c.id)).remedy?.includes("pending_approval"));
    await click(PEOPLE[3], "complaint_remedy_reject", await card());
    await until(async () => (await reload(c.id)).remedy?.includes('"rejected"'));

    // /complaint list shows it while it is open.
    const list = await command(h, PEOPLE[1], "list");
    expect(list.text).toContain(`*#${c.number}*`);
    expect(list.text).toContain("tier 2");

    // Resolve, then Reopen: back to acknowledged at tier 2, with its resolution clock again.
    await click(PEOPLE[2], "complaint_resolve", await card());
    await until(async () => (await reload(c.id)).status === "resolved");
    await click("U0OWNER", "complaint_reopen", await card());
    await until(async () => (await reload(c.id)).status === "acknowledged");
    const reopened = await reload(c.id);
    expect([reopened.tier, reopened.resolvedAt, reopened.clockKind]).toEqual([2, null, "resolution"]);
    expect((await command(h, PEOPLE[1], "list")).text).toContain(`*#${c.number}*`);
    const kinds = (
      await h.bot.deps.db.complaintEvent.findMany({ where: { caseId: c.id }, orderBy: { at: "asc" } })
    ).map((e) => e.kind);
    expect(kinds).toEqual(["opened", "escalated", "remedy_proposed", "remedy_rejected", "resolved", "reopened"]);
  });

  it("closes only through resolved → customer confirmed → rating, and the report adds it up", async () => {
    const clock = new FixedClock("2026-11-28T02:00:00Z");
    h = await startHarness({ clock, env: { ADMIN_USER_IDS: "U0ADMIN" } });
    await setUpTiers(h);
    const a = await escalateFromThread(h, { urgency: "urgent" });
    const b = await escalateFromThread(h, { urgency: "general", order: "B-2" });

    // Rating before confirmation is refused; the case stays where it is.
    const early = await interaction(
      h.baseUrl,
      blockAction({
        user: "U0OWNER",
        channel: TIER_CHANNEL[1],
        messageTs: "1",
        actionId: "complaint_rate",
        selected: `${a.id}:5`,
        responseUrl: h.fake.responseUrl("early"),
      }),
    );
    expect(early.status).toBe(200);
    await until(() => h.fake.responses.find((r) => r.id === "early"));
    expect((await reload(a.id)).status).toBe("open");

    clock.set("2026-11-28T02:30:00Z");
    await click("U0OWNER", "complaint_ack", a.id);
    await until(async () => (await reload(a.id)).status === "acknowledged");
    clock.set("2026-11-28T03:00:00Z");
    await click("U0OWNER", "complaint_resolve", a.id);
    await until(async () => (await reload(a.id)).status === "resolved");
    await click("U0OWNER", "complaint_confirm", a.id);
    await until(async () => (await reload(a.id)).status === "confirmed");
    await interaction(
      h.baseUrl,
      blockAction({
        user: "U0OWNER",
        channel: TIER_CHANNEL[1],
        messageTs: "1",
        actionId: "complaint_rate",
        selected: `${a.id}:5`,
        responseUrl: h.fake.responseUrl("r"),
      }),
    );
    await until(async () => (await reload(a.id)).status === "closed");
    expect((await reload(a.id)).satisfaction).toBe(5);

    // Case b breaches its 24 h clock and goes to tier 2 before it is resolved.
    clock.set("2026-11-29T02:00:00Z");
    await h.bot.scheduler.runDue();
    clock.set("2026-11-29T06:00:00Z");
    await click(PEOPLE[2], "complaint_resolve", b.id);
    await until(async () => (await reload(b.id)).status === "resolved");

    h.fake.users.set("U0ADMIN", { locale: "en-US" });
    const report = await command(h, "U0ADMIN", "report 2026-11-28 2026-11-29");
    // By hand: 2 cases, 1 escalated (50%); response SLA 1/1; resolution SLA 0/1;
    // median ack 30m; resolve times 1h and 28h → median 14h 30m; FCR 1/2 = 50%; CSAT 5 from 1.
    expect(report.text).toContain("*2* cases · escalated *1* (50.0%)");
    expect(report.text).toContain("response 100.0% · resolution 0.0%");
    expect(report.text).toContain("to acknowledge 30m · to resolve 14h 30m");
    expect(report.text).toContain("First-contact resolution*: 50.0%");
    expect(report.text).toContain("5/5 from 1 ratings");
    // The same figures as the table Slack draws under the text (in the message's attachment),
    // beside their targets: FCR 50% is under 85% (⚠️), CSAT 5 is over 4.8 (✅).
    const table = firstTable((report as { attachments?: unknown }).attachments);
    expect(table.type).toBe("table");
    expect(table.cells).toEqual([
      ["Figure", "Value", "Target", "Met"],
      ["Cases", "2", "–", " "],
      ["Escalated", "1 (50.0%)", "–", " "],
      ["Response within SLA", "100.0%", "–", " "],
      ["Resolved within SLA", "0.0%", "–", " "],
      ["Median time to acknowledge", "30m", "–", " "],
      ["Median time to resolve", "14h 30m", "–", " "],
      ["First-contact resolution", "50.0%", "85%", "⚠️"],
      ["Satisfaction (ratings)", "5/5 (1)", "4.8", "✅"],
      ["Product quality", "2 (100.0%)", "–", " "],
    ]);
  });

  it("lets the members of a tier's user group act on the case", async () => {
    h = await startHarness({ env: { ADMIN_USER_IDS: "U0ADMIN" } });
    h.fake.users.set("U0GROUPIE", { locale: "en-US" });
    h.fake.users.set("U0OUTSIDER", { locale: "en-US" });
    h.fake.groups.set("S0SPECIAL", ["U0GROUPIE"]);
    await setUpTiers(h);
    await command(h, "U0ADMIN", `tier 1 <#${TIER_CHANNEL[1]}|t1> <!subteam^S0SPECIAL|@special>`);
    const c = await escalateFromThread(h, { urgency: "urgent" });
    const refused = await click("U0OUTSIDER", "complaint_ack", c.id);
    expect((await until(() => h.fake.responses.find((r) => r.id === refused))).body.text).toContain(
      "Only the case owner",
    );
    await click("U0GROUPIE", "complaint_ack", c.id);
    await until(async () => (await reload(c.id)).status === "acknowledged");
    expect(h.fake.callsOf("usergroups.users.list")[0]!.args.usergroup).toBe("S0SPECIAL");
  });
});

// The 2 h / 24 h clocks with an injected clock: the scheduler runs only when the test says so.
import { afterEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import { settle as settleAll, startHarness, type Harness, until } from "../support/harness.ts";
import { blockAction } from "../support/payloads.ts";
import { interaction } from "../support/signed.ts";
import { command, escalateFromThread, PEOPLE, postsTo, setUpTiers, TIER_CHANNEL } from "./complaints-support.ts";

const MIN = 60_000;
const START = "2026-11-28T02:00:00Z"; // 10:00 in Shanghai

describe("complaint clocks", () => {
  let h: Harness;
  let clock: FixedClock;
  afterEach(() => h.stop());

  const start = async (env: Record<string, string> = {}) => {
    clock = new FixedClock(START);
    h = await startHarness({ clock, env: { ADMIN_USER_IDS: "U0ADMIN", ...env } });
    await setUpTiers(h);
  };
  const at = async (minutes: number) => {
    clock.set(new Date(new Date(START).getTime() + minutes * MIN));
    return h.bot.scheduler.runDue();
  };
  const reload = (id: string) => h.bot.deps.db.complaintCase.findUniqueOrThrow({ where: { id } });
  const texts = (channel: string) => postsTo(h, channel).map((c) => String(c.args.text));
  const settle = () => settleAll(h);

  it("escalates an unacknowledged urgent case to tier 2 at 2 h and to tier 3 at tier 2's limit, once each; warns once at 75%", async () => {
    await start();
    const c = await escalateFromThread(h, { urgency: "urgent" });
    expect(c.deadlineAt?.toISOString()).toBe("2026-11-28T04:00:00.000Z");

    await at(89);
    await settle();
    expect(texts(TIER_CHANNEL[1]).filter((t) => t.includes("75%"))).toHaveLength(0);
    await at(90);
    await at(100);
    await settle();
    const warnings = texts(TIER_CHANNEL[1]).filter((t) => t.includes("75%"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`<@${PEOPLE[1]}>`);

    await at(119);
    expect((await reload(c.id)).tier).toBe(1);
    await at(120);
    let now = await reload(c.id);
    expect(now).toMatchObject({ tier: 2, escalations: 1 });
    await at(150);
    expect((await reload(c.id)).tier).toBe(2);
    await settle();
    const t2 = postsTo(h, TIER_CHANNEL[2]);
    expect(t2.filter((m) => !m.args.thread_ts)).toHaveLength(1); // one new card
    expect(t2.some((m) => String(m.args.text).includes(`<@${PEOPLE[2]}>`))).toBe(true);
    // The old card now points at tier 2, and the owner heard about it.
    expect(h.fake.callsOf("chat.update").some((u) => JSON.stringify(u.args.blocks).includes(TIER_CHANNEL[2]))).toBe(
      true,
    );
    expect(texts("U0OWNER").some((t) => t.includes("tier 2") || t.includes("第 2 级"))).toBe(true);
    // The urgency is the tier channel's (the new card is urgent news); the owner's DMs are news,
    // so a promotion's reminders go before a storm's DMs (delivery-rollups).
    const rows = await h.bot.deps.db.outboxMessage.findMany({ where: { groupKey: { not: null } } });
    expect(rows.find((r) => r.groupKey === "complaint.escalated")?.priority).toBe(1);
    // (The case's opening, its 75% warning and its escalation.)
    expect(rows.filter((r) => r.groupKey === "complaint.owner").map((r) => r.priority)).toEqual([2, 2, 2]);

    await at(240);
    now = await reload(c.id);
    expect(now).toMatchObject({ tier: 3, escalations: 2 });
    await at(241);
    await settle();
    expect(postsTo(h, TIER_CHANNEL[3]).filter((m) => !m.args.thread_ts)).toHaveLength(1);
    expect((await reload(c.id)).escalations).toBe(2);

    // At tier 3 the breach repeats to the supervisor every hour until someone acts.
    await at(360);
    await settle();
    const repeats = () => texts(TIER_CHANNEL[3]).filter((t) => t.includes("🚨"));
    expect(repeats()).toHaveLength(1);
    await at(400);
    await settle();
    expect(repeats()).toHaveLength(1);
    await at(420);
    await settle();
    expect(repeats()).toHaveLength(2);
    expect(repeats()[1]).toContain(`<@${PEOPLE[3]}>`);
  });

  it("stops the clock when acknowledged at 1 h 59 m", async () => {
    await start();
    const c = await escalateFromThread(h, { urgency: "urgent" });
    await at(119);
    const card = await until(() => postsTo(h, TIER_CHANNEL[1])[0]);
    // The card's ts, once its send is recorded.
    const cardTs = await until(
      async () => (await h.bot.deps.db.outboxMessage.findUnique({ where: { id: (await reload(c.id)).cardId! } }))?.ts,
    );
    const res = await interaction(
      h.baseUrl,
      blockAction({
        user: PEOPLE[1],
        channel: TIER_CHANNEL[1],
        messageTs: cardTs,
        actionId: "complaint_ack",
        value: c.id,
        responseUrl: h.fake.responseUrl("ack"),
      }),
    );
    expect(res.status).toBe(200);
    // The card the agent acknowledges from is this case's, in tier 1.
    expect(String(card.args.text)).toContain(`#${c.number}`);
    await until(async () => (await reload(c.id)).status === "acknowledged");
    // The press shows on the card at once, through the action's response_url.
    const echo = (await until(() => h.fake.responses.find((r) => r.id === "ack"))).body;
    expect(echo.replace_original).toBe(true);
    expect(JSON.stringify(echo.blocks)).toContain("已响应");
    expect(JSON.stringify(echo.blocks)).not.toContain("complaint_ack");
    await at(121);
    await at(600);
    expect(await reload(c.id)).toMatchObject({ tier: 1, escalations: 0, status: "acknowledged", clockKind: "none" });
  });

  it("escalates exactly once across a restart with the breach pending, and once when the crash came after the escalation committed", async () => {
    await start();
    const c = await escalateFromThread(h, { urgency: "urgent" });
    clock.set("2026-11-28T04:00:00Z");
    // Killed before the runner saw the breach: the timer waits in the database.
    await h.restart();
    await h.bot.scheduler.runDue();
    expect(await reload(c.id)).toMatchObject({ tier: 2, escalations: 1 });
    await h.restart();
    await h.bot.scheduler.runDue();
    expect((await reload(c.id)).escalations).toBe(1);

    // Now a runner that dies right after committing the escalation: the one that replaces it
    // finds the timer done and the case at tier 3 once.
    clock.set("2026-11-28T06:00:00Z");
    const { Scheduler } = await import("../../src/scheduler/runner.ts");
    const { SimulatedCrash } = await import("../../src/scheduler/runner-options.ts");
    const { complaintJobs } = await import("../../src/features/complaints/jobs.ts");
    const dying = new Scheduler(h.bot.deps.db, h.bot.deps.sql, clock, h.bot.deps.log, h.bot.deps, {
      crashAt: (point, jobs) => {
        if (point === "committed" && jobs.some((j) => j.kind === "complaint.breach")) throw new SimulatedCrash(point);
      },
    });
    for (const j of complaintJobs) dying.register(j);
    await expect(dying.runDue()).rejects.toBeInstanceOf(SimulatedCrash);
    expect(await reload(c.id)).toMatchObject({ tier: 3, escalations: 2 });
    await h.restart();
    clock.set("2026-11-28T06:01:00Z");
    await h.bot.scheduler.runDue();
    expect(await reload(c.id)).toMatchObject({ tier: 3, escalations: 2 });
    await settle();
    expect(postsTo(h, TIER_CHANNEL[3]).filter((m) => !m.args.thread_ts)).toHaveLength(1);
  });

  it("keeps an open case's clock when the policy changes to 4 h", async () => {
    await start();
    const c = await escalateFromThread(h, { urgency: "urgent" });
    const reply = await command(h, "U0ADMIN", "policy urgent 4h");
    expect(reply.text).toContain("4h");
    const later = await escalateFromThread(h, { urgency: "urgent", order: "2026111100999" });
    expect(later.deadlineAt?.toISOString()).toBe("2026-11-28T06:00:00.000Z");
    await at(120);
    expect((await reload(c.id)).tier).toBe(2);
    expect((await reload(later.id)).tier).toBe(1);
  });

  it("pauses the clock outside working hours: opened at 17:00 with 2 h, it runs out at 10:00 the next working day", async () => {
    await start();
    await command(h, "U0ADMIN", "policy hours 09:00-18:00 mon-fri");
    clock.set("2026-11-27T09:00:00Z"); // Friday 17:00 in Shanghai
    const c = await escalateFromThread(h, { urgency: "urgent" });
    // One hour on Friday, the weekend paused, one hour on Monday from 09:00.
    expect(c.deadlineAt?.toISOString()).toBe("2026-11-30T02:00:00.000Z");
    clock.set("2026-11-29T12:00:00Z");
    await h.bot.scheduler.runDue();
    expect((await reload(c.id)).tier).toBe(1);
    clock.set("2026-11-30T02:00:00Z");
    await h.bot.scheduler.runDue();
    expect((await reload(c.id)).tier).toBe(2);
  });

  it("pauses the resolution clock while waiting for the customer", async () => {
    await start();
    const c = await escalateFromThread(h, { urgency: "general" });
    expect(c.deadlineAt?.toISOString()).toBe("2026-11-29T02:00:00.000Z");
    await at(60);
    const click = (actionId: string) =>
      interaction(
        h.baseUrl,
        blockAction({
          user: "U0OWNER",
          channel: TIER_CHANNEL[1],
          messageTs: "1.1",
          actionId,
          value: c.id,
          responseUrl: h.fake.responseUrl(actionId),
        }),
      );
    await click("complaint_waiting");
    await until(async () => (await reload(c.id)).status === "waiting_customer");
    expect((await reload(c.id)).remainingMs).toBe(23 * 60 * MIN);
    await at(60 * 30);
    expect((await reload(c.id)).tier).toBe(1);
    await click("complaint_resume");
    await until(async () => (await reload(c.id)).status === "open");
    expect((await reload(c.id)).deadlineAt?.toISOString()).toBe("2026-11-30T07:00:00.000Z");
  });
});

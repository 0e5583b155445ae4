// The services behind the handlers, called directly on a real database (SQLite and PostgreSQL),
// with the outbox as the recording sender: what they write, what they refuse, what they queue.
import { afterEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import { DomainError } from "../../src/infra/errors.ts";
import { acknowledgeAlert } from "../../src/features/metrics/acknowledge-alert.ts";
import { saveRules, setRecipient } from "../../src/features/metrics/alert-settings.ts";
import { setTarget } from "../../src/features/metrics/set-target.ts";
import { subscribeDigest, unsubscribeDigest } from "../../src/features/metrics/subscribe-digest.ts";
import { DEFAULT_RULES } from "../../src/features/metrics/rules.ts";
import {
  routeCause,
  setAlertChannel,
  subscribeBriefing,
  unsubscribeBriefing,
} from "../../src/features/reviews/review-settings.ts";
import { listRoles, setRole } from "../../src/features/raci/roles.ts";
import { settle, startHarness, type Harness } from "../support/harness.ts";

describe("feature services on a real database", () => {
  let h: Harness;
  afterEach(() => h.stop());
  const start = async () => {
    h = await startHarness({
      clock: new FixedClock("2026-11-28T02:00:00Z"),
      manualScheduler: true,
      env: { ADMIN_USER_IDS: "U0ADMIN" },
    });
    return h.bot.deps;
  };
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => "allowed",
      (e) => (e instanceof DomainError ? e.key : String(e)),
    );

  it("metrics: targets, recipients and rules are admins'; a digest is anyone's in their DM; replacing one leaves one timer", async () => {
    const deps = await start();
    expect(await refusal(setTarget(deps, "U0STAFF", { store: "shop1", month: "2026-11", gmv: 1 }))).toBe(
      "metrics.error.admin",
    );
    await setTarget(deps, "U0ADMIN", { store: "shop1", month: "2026-11", gmv: 3_000_000 });
    expect((await deps.db.metricTarget.findFirstOrThrow()).gmv).toBe(3_000_000);
    expect(await refusal(setRecipient(deps, "U0STAFF", "critical", "C0CRIT"))).toBe("metrics.error.admin");
    await setRecipient(deps, "U0ADMIN", "critical", "C0CRIT");
    await saveRules(deps, "U0ADMIN", { ...DEFAULT_RULES, staticDrop: { warning: 0.1, critical: 0.3 } });
    expect(
      JSON.parse((await deps.db.metricSetting.findUniqueOrThrow({ where: { key: "rules" } })).value).staticDrop,
    ).toEqual({ warning: 0.1, critical: 0.3 });

    const wish = {
      target: "U0STAFF",
      store: "shop1",
      cadence: "daily" as const,
      weekday: null,
      time: "09:30",
      timeZone: "Asia/Shanghai",
    };
    expect(await refusal(subscribeDigest(deps, "U0STAFF", { ...wish, target: "C0OPS" }))).toBe(
      "metrics.error.digestChannel",
    );
    await subscribeDigest(deps, "U0STAFF", wish);
    await subscribeDigest(deps, "U0STAFF", { ...wish, time: "08:00" });
    const pending = await deps.db.timer.findMany({ where: { kind: "metrics.digest", status: "pending" } });
    expect(pending.map((x) => x.dueAt.toISOString())).toEqual(["2026-11-29T00:00:00.000Z"]);
    await unsubscribeDigest(deps, "U0STAFF", "U0STAFF", "shop1");
    expect(await deps.db.timer.count({ where: { kind: "metrics.digest", status: "pending" } })).toBe(0);
  });

  it("metrics: acknowledging an alert edits its card once; the second press is told its status", async () => {
    const deps = await start();
    const { id: messageId } = await deps.outbox.enqueue(deps.db, {
      kind: "post",
      channel: "C0CRIT",
      body: { text: "GMV fell" },
    });
    // The card is out before anyone presses (an edit of a card not sent yet would become its content).
    await settle(h);
    const alert = await deps.db.metricAlert.create({
      data: {
        rule: "static",
        metric: "gmv",
        store: "shop1",
        date: "2026-11-27",
        level: "critical",
        detail: JSON.stringify({ text: "GMV fell" }),
        messageId,
        createdAt: new Date(),
      },
    });
    expect(await acknowledgeAlert(deps, { alertId: alert.id, userId: "U0A", snooze: false, locale: "en" })).toEqual({
      done: true,
    });
    expect(await acknowledgeAlert(deps, { alertId: alert.id, userId: "U0B", snooze: true, locale: "en" })).toEqual({
      done: false,
      status: "acknowledged",
    });
    const edits = await deps.db.outboxMessage.findMany({ where: { kind: "update", targetId: messageId } });
    expect(edits).toHaveLength(1);
    expect(edits[0]!.body).toContain("Acknowledged by <@U0A>");
    expect(await deps.db.metricSetting.count({ where: { key: { startsWith: "snooze:" } } })).toBe(0);
  });

  it("reviews: alert channel, cause owners and briefings are admins'; a replaced briefing keeps one timer, an ended one none", async () => {
    const deps = await start();
    expect(await refusal(setAlertChannel(deps, "U0STAFF", "C0REV"))).toBe("reviews.error.admin");
    await setAlertChannel(deps, "U0ADMIN", "C0REV");
    await routeCause(deps, "U0ADMIN", "logistics", "U0LOGI");
    expect((await deps.db.reviewSetting.findMany({ orderBy: { key: "asc" } })).map((s) => [s.key, s.value])).toEqual([
      ["alertChannel", "C0REV"],
      ["route:logistics", "U0LOGI"],
    ]);
    await subscribeBriefing(deps, "U0ADMIN", { channelId: "C0BRIEF", time: "09:00", timeZone: "Asia/Shanghai" });
    await subscribeBriefing(deps, "U0ADMIN", { channelId: "C0BRIEF", time: "10:00", timeZone: "Asia/Shanghai" });
    const timers = await deps.db.timer.findMany({ where: { kind: "reviews.briefing", status: "pending" } });
    // It is 10:00 in Shanghai now: the next 10:00 is tomorrow's (and the 09:00 one is gone).
    expect(timers.map((x) => x.dueAt.toISOString())).toEqual(["2026-11-29T02:00:00.000Z"]);
    await unsubscribeBriefing(deps, "U0ADMIN", "C0BRIEF");
    expect(await deps.db.timer.count({ where: { kind: "reviews.briefing", status: "pending" } })).toBe(0);
  });

  it("raci: the role map is admins'", async () => {
    const deps = await start();
    expect(await refusal(setRole(deps, "U0STAFF", { role: "purchasing", userId: "U0BUY", backupId: null }))).toBe(
      "raci.error.admin",
    );
    await setRole(deps, "U0ADMIN", { role: "purchasing", userId: "U0BUY", backupId: "U0BUY2" });
    expect((await listRoles(deps)).map((r) => [r.role, r.userId, r.backupId])).toEqual([
      ["purchasing", "U0BUY", "U0BUY2"],
    ]);
  });
});

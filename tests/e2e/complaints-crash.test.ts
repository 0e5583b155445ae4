// Complaint clocks under crashes: the runner "dies" (SimulatedCrash) at each step boundary of a
// clock's work (claimed, ran, committing, committed), 50 rounds at each (25 on PostgreSQL), and the runner that
// replaces it after the lease finishes the work. Every case escalates exactly once, warns exactly
// once, and every message of it is queued exactly once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complaintJobs } from "../../src/features/complaints/jobs.ts";
import { openCase } from "../../src/features/complaints/open-case.ts";
import { resolve } from "../../src/features/complaints/case-actions.ts";
import { FixedClock } from "../../src/infra/clock.ts";
import { Scheduler } from "../../src/scheduler/runner.ts";
import { SimulatedCrash, type CrashPoint } from "../../src/scheduler/runner-options.ts";
import type { Deps } from "../../src/deps.ts";
import { dbKind } from "../support/db.ts";
import { startHarness, type Harness } from "../support/harness.ts";
import { PEOPLE, setUpTiers, TIER_CHANNEL } from "./complaints-support.ts";
import { crashOnceAt } from "../support/crash.ts";

const POINTS: CrashPoint[] = ["claimed", "ran", "committing", "committed"];
// PostgreSQL answers each statement over a socket: fewer rounds keep its run near a minute.
const ROUNDS = dbKind() === "postgres" ? 25 : 50;
const LEASE = 60_000;

describe("complaint clocks crashing at every step boundary", () => {
  let h: Harness;
  const clock = new FixedClock("2026-11-28T02:00:00Z");
  beforeAll(async () => {
    h = await startHarness({ clock, env: { ADMIN_USER_IDS: "U0ADMIN", TIMER_LEASE: "60s" } });
    await setUpTiers(h);
  });
  afterAll(() => h.stop());

  const runner = (deps: Deps, crashAt?: (p: CrashPoint) => void, batchSize = 50) => {
    const s = new Scheduler<Deps>(deps.db, deps.sql, clock, deps.log, deps, { leaseMs: LEASE, batchSize, crashAt });
    for (const j of complaintJobs) s.register(j);
    return s;
  };

  it(`${POINTS.length * ROUNDS} crashes: every case warned once and escalated once, each message queued once`, async () => {
    const deps = h.bot.deps;
    const cases: string[] = [];
    let crashes = 0;
    for (const point of POINTS) {
      for (let round = 0; round < ROUNDS; round++) {
        const opened = [];
        for (let i = 0; i < 1 + (round % 3); i++) {
          opened.push(
            await openCase(deps, {
              actorId: `U0OWNER${i}`,
              orderNo: `ORD-${cases.length + i}`,
              customerName: "王小姐",
              vip: false,
              cause: "quality",
              urgency: "urgent",
              summary: "杯子破损",
            }),
          );
        }
        cases.push(...opened.map((c) => c.id));
        // 75% of 2 h then the breach: both kinds fall due together after 2 h.
        clock.advance(2 * 3600_000);
        const dying = runner(
          deps,
          crashOnceAt(point, () => crashes++),
          1 + (round % 4),
        );
        await expect(dying.runDue()).rejects.toBeInstanceOf(SimulatedCrash);
        clock.advance(LEASE + 1);
        await runner(deps).runDue();
        // Resolved: their clocks stop, so later rounds' clocks are the only ones running.
        for (const c of opened) await resolve(deps, { caseId: c.id }, PEOPLE[2]);
      }
    }
    expect(crashes).toBe(POINTS.length * ROUNDS);

    const rows = await deps.db.complaintCase.findMany({ where: { id: { in: cases } } });
    expect(rows).toHaveLength(cases.length);
    expect(rows.filter((c) => c.tier !== 2 || c.escalations !== 1 || c.breaches !== 1)).toEqual([]);
    const events = await deps.db.complaintEvent.groupBy({
      by: ["caseId"],
      where: { kind: "escalated_auto", caseId: { in: cases } },
      _count: { _all: true },
    });
    expect(events).toHaveLength(cases.length);
    expect(events.filter((e) => e._count._all !== 1)).toEqual([]);

    const messages = await deps.db.outboxMessage.findMany({
      select: { kind: true, channel: true, threadOfId: true, body: true },
    });
    const text = (m: { body: string }) => String((JSON.parse(m.body) as { text: string }).text);
    const perCase = (pred: (m: (typeof messages)[number]) => boolean) => {
      const counts = new Map<number, number>();
      for (const m of messages.filter(pred)) {
        const n = Number(/#(\d+)/.exec(text(m))?.[1]);
        counts.set(n, (counts.get(n) ?? 0) + 1);
      }
      return counts;
    };
    const numbers = rows.map((r) => r.number);
    // One card at tier 2 per case, one "escalated" DM and one warning DM per case owner.
    for (const [name, counts] of [
      ["tier 2 cards", perCase((m) => m.kind === "post" && m.channel === TIER_CHANNEL[2] && !m.threadOfId)],
      [
        "escalation DMs",
        perCase(
          (m) =>
            m.kind === "post" &&
            /^U0OWNER/.test(m.channel ?? "") &&
            /tier 2|二级|第 2 级/.test(text(m)) &&
            !text(m).includes("%"),
        ),
      ],
      [
        "warning notes",
        perCase((m) => m.kind === "post" && m.channel === TIER_CHANNEL[1] && !!m.threadOfId && text(m).includes("75%")),
      ],
    ] as const) {
      expect(
        numbers.filter((n) => counts.get(n) !== 1),
        name,
      ).toEqual([]);
    }
  }, 120_000);
});

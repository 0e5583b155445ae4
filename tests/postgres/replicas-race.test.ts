// Two replicas on one PostgreSQL, two people, one case, the same millisecond: one presses
// Acknowledge on replica A while the other submits "Escalate now" on replica B, both from the
// card as it was. Exactly one wins, every time; the other is told who did what, and when; the
// case's history never shows both.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCase } from "../../src/features/complaints/open-case.ts";
import { ACTION, FIELD, VIEW_ESCALATE } from "../../src/features/complaints/ids.ts";
import { ACTION_ACK } from "../../src/features/metrics/ids.ts";
import { freshDbUrl } from "../support/db.ts";
import { FakeSlack } from "../support/fake-slack.ts";
import { startHarness, until, type Harness } from "../support/harness.ts";
import { blockAction, viewSubmission } from "../support/payloads.ts";
import { interaction } from "../support/signed.ts";
import { PEOPLE, setUpTiers } from "../e2e/complaints-support.ts";

const TRIES = 100;
const OWNER = "U0OWNER";

describe("two replicas, two people, one case", () => {
  let fake: FakeSlack;
  let a: Harness;
  let b: Harness;
  beforeAll(async () => {
    fake = await new FakeSlack().start();
    const dbUrl = await freshDbUrl();
    a = await startHarness({ fake, dbUrl, env: { ADMIN_USER_IDS: "U0ADMIN" } });
    b = await startHarness({ fake, dbUrl, env: { ADMIN_USER_IDS: "U0ADMIN" } });
    for (const u of [OWNER, PEOPLE[1]]) fake.users.set(u, { locale: "en-US" });
    await setUpTiers(a);
  }, 60_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await fake?.stop();
  });

  it(`Acknowledge on one replica and Escalate now on the other at the same moment: one wins, ${TRIES} times out of ${TRIES}`, async () => {
    const outcomes = { acknowledged: 0, escalated: 0 };
    for (let i = 0; i < TRIES; i++) {
      const c = await openCase(a.bot.deps, {
        actorId: OWNER,
        orderNo: `R-${i}`,
        customerName: "Li",
        vip: false,
        cause: "quality",
        urgency: "urgent",
        summary: "broken",
      });
      const ref = `${c.id}.${c.version}`;
      const ack = blockAction({
        user: PEOPLE[1],
        channel: "C0TIER1",
        messageTs: "1.1",
        actionId: ACTION.ack,
        value: ref,
        responseUrl: fake.responseUrl(`ack${i}`),
      });
      const esc = viewSubmission({
        user: OWNER,
        callbackId: VIEW_ESCALATE,
        privateMetadata: JSON.stringify({ caseId: c.id, seen: c.version }),
        values: { [FIELD.reason]: { [FIELD.reason]: { type: "plain_text_input", value: "VIP is furious" } } },
      });
      const [r1, r2] = await Promise.all([interaction(a.baseUrl, ack), interaction(b.baseUrl, esc)]);
      expect([r1.status, r2.status]).toEqual([200, 200]);

      // Wait until the loser has been told: ephemerally for the button, by DM for the modal.
      const told = await until(async () => {
        const ackLost = fake.responses.find((r) => r.id === `ack${i}`);
        if (ackLost) return { loser: "ack" as const, text: String((ackLost.body as { text?: string }).text) };
        const dm = fake
          .callsOf("chat.postMessage")
          .find((m) => m.args.channel === OWNER && String(m.args.text).includes(`#${c.number} was already changed`));
        return dm ? { loser: "escalate" as const, text: String(dm.args.text) } : undefined;
      }, 15_000).catch(async (e) => {
        console.error(
          "DEBUG",
          JSON.stringify(fake.responses),
          JSON.stringify(
            fake
              .callsOf("chat.postMessage")
              .filter((m) => m.args.channel === OWNER)
              .map((m) => m.args.text),
          ),
          JSON.stringify(await a.bot.deps.db.complaintEvent.findMany({ where: { caseId: c.id } })),
          a.logs.slice(-8).join(""),
          b.logs.slice(-8).join(""),
        );
        throw e;
      });

      const events = (
        await a.bot.deps.db.complaintEvent.findMany({ where: { caseId: c.id }, orderBy: { at: "asc" } })
      ).map((e) => e.kind);
      const acted = events.filter((k) => k === "acknowledged" || k === "escalated");
      expect(acted, `case #${c.number}: ${events.join(" → ")}`).toHaveLength(1);
      const row = await a.bot.deps.db.complaintCase.findUniqueOrThrow({ where: { id: c.id } });
      if (told.loser === "ack") {
        expect(acted).toEqual(["escalated"]);
        expect(told.text).toContain(`<@${OWNER}> escalated it`);
        expect([row.tier, row.status]).toEqual([2, "open"]);
        outcomes.escalated++;
      } else {
        expect(acted).toEqual(["acknowledged"]);
        expect(told.text).toContain(`<@${PEOPLE[1]}> acknowledged it`);
        expect([row.tier, row.status]).toEqual([1, "acknowledged"]);
        outcomes.acknowledged++;
      }
    }
    expect(outcomes.acknowledged + outcomes.escalated).toBe(TRIES);
    console.log(`race outcomes over ${TRIES} tries:`, outcomes);
  }, 300_000);

  it("two people acknowledging one metric alert on two replicas: one acknowledgement, the other told", async () => {
    for (let i = 0; i < 20; i++) {
      const alert = await a.bot.deps.db.metricAlert.create({
        data: {
          rule: "drop",
          metric: "gmv",
          store: `s${i}`,
          date: "2026-11-11",
          level: "red",
          detail: JSON.stringify({ text: "GMV fell 40%" }),
          messageId: null,
          createdAt: new Date(),
        },
      });
      const press = (h: Harness, user: string, id: string) =>
        interaction(
          h.baseUrl,
          blockAction({
            user,
            channel: "C0OPS",
            messageTs: "2.2",
            actionId: ACTION_ACK,
            value: alert.id,
            responseUrl: fake.responseUrl(id),
          }),
        );
      await Promise.all([press(a, OWNER, `m${i}a`), press(b, PEOPLE[1], `m${i}b`)]);
      const answers = () => fake.responses.filter((r) => r.id === `m${i}a` || r.id === `m${i}b`);
      await until(() => answers().length > 0);
      const told = answers();
      expect(told).toHaveLength(1);
      expect(String((told[0]!.body as { text: string }).text)).toContain("acknowledged this alert a moment before you");
      const row = await a.bot.deps.db.metricAlert.findUniqueOrThrow({ where: { id: alert.id } });
      expect([row.status, row.version]).toEqual(["acknowledged", 1]);
    }
  });
});

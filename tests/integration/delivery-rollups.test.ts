// Burst-aware delivery on an injected clock, against a fake Slack that enforces Slack's limits
// (one post a second per channel with a burst of 3, a workspace cap on posts, chat.update at 50 a
// minute, 429 with Retry-After beyond): news folds into a roll-up when a channel's queue would
// keep it waiting, and unfolds back to single messages once the wave is over; a person's wave of
// DMs is one DM; edits of one message collapse to the latest; nothing is lost or doubled, across
// crashes and two senders sharing Slack's budget.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import type { DbClient } from "../../src/infra/db/db.ts";
import { createLogger } from "../../src/infra/logger.ts";
import type { Sql } from "../../src/infra/db/sql.ts";
import { createSlackApi } from "../../src/slack/api.ts";
import type { SlackApi } from "../../src/deps.ts";
import { enqueueMany, enqueueMessage } from "../../src/outbox/outbox.ts";
import type { OutgoingMessage } from "../../src/outbox/message.ts";
import { slackBudgets } from "../../src/slack/delivery/budget.ts";
import { unfold } from "../../src/slack/delivery/unfold.ts";
import { OutboxSender, type SenderOptions } from "../../src/slack/sender.ts";
import { prismaExec } from "../../src/infra/db/prisma-exec.ts";
import { translator } from "../../src/infra/i18n.ts";
import { reminderMessage } from "../../src/features/campaigns/notify.ts";
import { freshDb, dbKind } from "../support/db.ts";
import { FakeSlack } from "../support/fake-slack.ts";

const log = createLogger("silent");
const LEASE = 10_000;

describe("burst-aware delivery", () => {
  let fake: FakeSlack;
  let db: DbClient;
  let sql: Sql;
  let clock: FixedClock;
  const cleanup: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    n = 0;
    clock = new FixedClock("2026-11-11T02:00:00Z");
    // Slack's limits, counted on the test's clock.
    fake = await new FakeSlack({ channelBurst: 3, postsPerMinute: 600, editsPerMinute: 50 }).start();
    fake.clock = clock;
    ({ db, sql } = await freshDb());
  });
  afterEach(async () => {
    for (const c of cleanup.splice(0)) await c();
    await fake.stop();
    await db.$disconnect();
  });

  const sender = (o: SenderOptions = {}, api: SlackApi = createSlackApi("xoxb-test", fake.apiUrl)) => {
    const s = new OutboxSender(sql, clock, api, log, {
      perChannelIntervalMs: 1000,
      leaseMs: LEASE,
      delivery: {
        queueBudgetMs: 10_000,
        groupWaitMs: 2_000,
        groupIntervalMs: 60_000,
        budgets: slackBudgets({ postsPerMinute: 600, editsPerMinute: 50 }),
      },
      nameOf: async (ids) => new Map(ids.map((id) => [id, `name-of-${id}`])),
      ...o,
    });
    cleanup.push(() => s.stop());
    return s;
  };
  /** Moves the clock in steps, sending whatever falls due at each. */
  const run = async (s: OutboxSender, ms: number, step = 250) => {
    await s.drain();
    for (let t = 0; t < ms; t += step) {
      clock.advance(step);
      await s.drain();
    }
  };

  /** A case's escalation as the complaints feature queues it: a card, and a note under it that calls the tier. */
  let n = 0;
  const escalation = (channel: string, rank = 2): { id: string; msg: OutgoingMessage }[] => {
    const i = ++n;
    const card = `card${String(i).padStart(20, "0")}`;
    return [
      {
        id: card,
        msg: {
          kind: "post",
          channel,
          body: { text: `card of #${i}` },
          group: {
            key: "complaint.escalated",
            item: {
              line: `*#${i}* customer ${i} · owner <@U0OWNER>`,
              rank,
              head: { title: "rollup.complaint.escalated", params: { tier: 2 }, locale: "en", mentions: ["U0TIER2"] },
            },
          },
        },
      },
      {
        id: `note${String(i).padStart(20, "0")}`,
        msg: { kind: "post", channel, threadOfId: card, body: { text: `<@U0TIER2> #${i} arrived` } },
      },
    ];
  };
  const queue = async (items: { id: string; msg: OutgoingMessage }[]) =>
    enqueueMany(
      prismaExec(db, dbKind() === "postgres" ? "postgres" : "sqlite"),
      clock,
      items.map((x) => x.msg),
      items.map((x) => x.id),
    );

  /** Item i of a person's 09:00 reminders, as the promotions feature queues it. */
  const reminderTo = (ownerId: string, i: number) =>
    reminderMessage({
      ownerId,
      t: translator("en"),
      text: `item ${i} due today`,
      itemId: `${ownerId}-${i}`,
      timerKey: `${ownerId}-k${i}`,
      overdue: false,
    });
  /** 200 other people's news, each a DM of its own: Slack's posts for the workspace run short. */
  const newsFor200 = async () => {
    for (let i = 0; i < 200; i++)
      await enqueueMessage(db, clock, { kind: "post", channel: `U0NEWS${i}`, body: { text: `news ${i}` } });
  };
  const posts = (channel: string) => fake.callsOf("chat.postMessage").filter((c) => c.args.channel === channel);
  /** How many posted messages (not edits) list each case number. */
  const listings = (channel: string) => {
    const seen = new Map<number, number>();
    for (const p of posts(channel)) {
      for (const m of String(p.args.text).matchAll(/#(\d+)\b/g))
        seen.set(Number(m[1]), (seen.get(Number(m[1])) ?? 0) + 1);
    }
    return seen;
  };

  it("sends one card at a quiet pace, folds a burst into one roll-up listing every case, and goes back to cards after the wave", async () => {
    const s = sender();
    await queue(escalation("C0TIER2"));
    await run(s, 2_000);
    expect(posts("C0TIER2").map((p) => p.args.text)).toEqual([
      "card of #1",
      "U0TIER2 #1 arrived".replace("U0TIER2", "<@U0TIER2>"),
    ]);

    // 40 cases at once: 80 posts would take 80 s at Slack's pace; past the 10 s budget they fold.
    for (let i = 0; i < 40; i++) await queue(escalation("C0TIER2", i % 10 === 0 ? 0 : 2));
    await run(s, 5_000);
    const rollup = await db.rollup.findFirstOrThrow();
    expect(rollup).toMatchObject({ count: 40, urgent: 4, status: "open" });
    // More of the wave, a case every second for 30 s: each is listed in a page in the thread.
    for (let i = 0; i < 30; i++) {
      await queue(escalation("C0TIER2"));
      await run(s, 1_000);
    }
    await run(s, 10_000);
    const seen = listings("C0TIER2");
    for (let i = 2; i <= 71; i++) expect(seen.get(i), `#${i}`).toBe(1);
    // No card of the wave went out on its own; the first roll-up message lists the VIPs first.
    expect(posts("C0TIER2").filter((p) => /^card of/.test(String(p.args.text)))).toHaveLength(1);
    const parent = posts("C0TIER2")[2]!;
    expect(String(parent.args.text)).toMatch(/^\*Tier 2 · 40 cases escalated here\* · 4 urgent or VIP\n• \*#2\*/);
    // People in the lines are named, not pinged; the tier is called once.
    expect(String(parent.args.text)).toContain("owner @name-of-U0OWNER");
    expect(
      JSON.stringify(
        posts("C0TIER2")
          .slice(2)
          .map((p) => p.args),
      ),
    ).not.toContain("<@U0OWNER>");
    // The roll-up was edited in place while the wave lasted, at most once per 15 s.
    const during = fake.callsOf("chat.update");
    expect(during.length).toBeGreaterThanOrEqual(1);
    expect(during.length).toBeLessThanOrEqual(3);

    // A quiet group interval later the roll-up closes with its last count, and the next case is a card again.
    await run(s, 61_000, 1_000);
    expect((await db.rollup.findFirstOrThrow()).status).toBe("closed");
    expect(fake.callsOf("chat.update").at(-1)!.args.text).toMatch(/^\*Tier 2 · 70 cases escalated here\*/);
    await queue(escalation("C0TIER2"));
    await run(s, 2_000);
    expect(posts("C0TIER2").at(-2)!.args.text).toBe("card of #72");
    expect(fake.rateLimited).toEqual([]);
    // Nothing is lost: every folded card is kept, with its note, and can be posted on request.
    expect(await db.outboxMessage.count({ where: { status: "folded", item: { not: null } } })).toBe(70);
    expect(await db.outboxMessage.count({ where: { status: "folded", item: null } })).toBe(70);
  });

  it("calls a tier at most once a minute in a channel, however many notes call it", async () => {
    const s = sender();
    for (let i = 0; i < 5; i++) {
      await queue(escalation("C0QUIET"));
      await run(s, 20_000, 1_000);
    }
    const pinged = posts("C0QUIET").filter((p) => String(p.args.text).includes("<@U0TIER2>"));
    expect(pinged.map((p) => p.args.text)).toEqual(["<@U0TIER2> #1 arrived", "<@U0TIER2> #4 arrived"]);
    expect(
      posts("C0QUIET")
        .map((p) => String(p.args.text))
        .filter((t) => t.startsWith("@name-of-U0TIER2")),
    ).toHaveLength(3);
  });

  it("makes a person's wave of DMs one DM, and posts any of them on request, replies in order", async () => {
    const s = sender();
    const dm = (i: number): OutgoingMessage => ({
      kind: "post",
      channel: "U0OWNER",
      body: { text: `reminder ${i}`, blocks: [{ type: "section", text: { type: "mrkdwn", text: `reminder ${i}` } }] },
      group: {
        key: "promo.reminders",
        item: { line: `item #${i} due today`, rank: 2, head: { title: "rollup.promo.reminders", locale: "en" } },
      },
    });
    for (let i = 1; i <= 5; i++) await enqueueMessage(db, clock, dm(i));
    // A wave already there goes at once: no group wait (2 s) for more of it.
    await run(s, 500);
    const dms = posts("U0OWNER");
    expect(dms).toHaveLength(1);
    expect(String(dms[0]!.args.text)).toBe(
      "*Promotions · 5 items need you*\n• item #1 due today\n• item #2 due today\n• item #3 due today\n• item #4 due today\n• item #5 due today",
    );
    // One of them, asked for: posted as it was queued, buttons and all.
    const rollup = await db.rollup.findFirstOrThrow();
    const third = await db.outboxMessage.findFirstOrThrow({ where: { body: { contains: "reminder 3" } } });
    expect(await unfold(sql, clock.now(), { rollupId: rollup.id, messageId: third.id })).toBe(1);
    await run(s, 2_000);
    expect(posts("U0OWNER").at(-1)!.args.blocks).toEqual(dm(3).body.blocks);
    // All of them: the other four, in order, at Slack's pace.
    expect(await unfold(sql, clock.now(), { rollupId: rollup.id })).toBe(4);
    await run(s, 6_000);
    expect(
      posts("U0OWNER")
        .slice(2)
        .map((p) => p.args.text),
    ).toEqual(["reminder 1", "reminder 2", "reminder 4", "reminder 5"]);
    expect(await unfold(sql, clock.now(), { rollupId: rollup.id })).toBe(0);
  });

  it("puts a DM wave bigger than the DM in its thread right behind it; what comes later waits its turn, the person's own answers do not", async () => {
    const s = sender();
    const dm = (i: number): OutgoingMessage => ({
      kind: "post",
      channel: "U0PLANNER",
      body: { text: `reminder ${i}` },
      group: {
        key: "promo.reminders",
        item: { line: `item #${i} due today`, rank: 2, head: { title: "rollup.promo.reminders", locale: "en" } },
      },
    });
    // Twenty-five reminders at one 09:00: the DM lists twenty, its thread the other five within seconds.
    for (let i = 1; i <= 25; i++) await enqueueMessage(db, clock, dm(i));
    await run(s, 5_000);
    const wave = posts("U0PLANNER");
    expect(wave.filter((p) => !p.args.thread_ts)).toHaveLength(1);
    expect(listings("U0PLANNER").size).toBe(25);
    // One more a little later: a page of its own, after the DM's pace (half a minute), not before.
    await enqueueMessage(db, clock, dm(26));
    await run(s, 20_000);
    expect(listings("U0PLANNER").has(26)).toBe(false);
    // ...and behind everyone's first DM when the workspace's posts run short: it is bulk.
    const page = await db.outboxMessage.findFirstOrThrow({
      where: { channel: "U0PLANNER", status: "pending", threadOfId: { not: null } },
    });
    expect(page.priority).toBe(3);
    // What the person does meanwhile (an answer to their own press) goes at once, not after the page.
    await enqueueMessage(db, clock, {
      kind: "post",
      channel: "U0PLANNER",
      body: { text: "your answer" },
      priority: "interactive",
    });
    await run(s, 1_000);
    expect(posts("U0PLANNER").at(-1)!.args.text).toBe("your answer");
    expect(listings("U0PLANNER").has(26)).toBe(false);
    await run(s, 60_000, 1_000);
    expect(listings("U0PLANNER").get(26)).toBe(1);
    // The wave's one DM (and the person's answer, a message of its own).
    expect(posts("U0PLANNER").filter((p) => !p.args.thread_ts)).toHaveLength(2);
  });

  it("collapses queued edits of one message to the latest and puts a busy channel's edits aside, behind news", async () => {
    const s = sender();
    // 30 cards already shown; then a storm: an edit of each, and 30 cases of news.
    for (let i = 0; i < 30; i++)
      await enqueueMessage(db, clock, { kind: "post", channel: "C0TIER1", body: { text: `old card ${i}` } });
    await run(s, 60_000, 1_000);
    const cards = await db.outboxMessage.findMany({ where: { channel: "C0TIER1" }, orderBy: { seq: "asc" } });
    for (const c of cards)
      for (let v = 1; v <= 3; v++)
        await enqueueMessage(db, clock, { kind: "update", targetId: c.id, body: { text: `${c.id} v${v}` } });
    for (let i = 0; i < 30; i++) await queue(escalation("C0TIER1"));
    await run(s, 8_000);
    // The news is out within seconds, as a roll-up; the edits wait for chat.update's spare budget.
    expect(listings("C0TIER1").size).toBe(30);
    await run(s, 120_000, 1_000);
    const updates = fake.callsOf("chat.update");
    expect(updates.map((u) => u.args.text).filter((t) => /v[12]$/.test(String(t)))).toEqual([]);
    expect(updates.filter((u) => /v3$/.test(String(u.args.text)))).toHaveLength(30);
    expect(fake.rateLimited).toEqual([]);
  });

  it("loses and doubles nothing when senders die mid-wave, over and over; the roll-up resumes", async () => {
    let deaths = 0;
    const dying = () => {
      const real = createSlackApi("xoxb-test", fake.apiUrl);
      let die!: () => void;
      const dead = new Promise<never>((_, reject) => (die = () => reject(new Error("the process is gone"))));
      dead.catch(() => {});
      let calls = 0;
      const api: SlackApi = {
        ...real,
        async call(method, args) {
          // Dies at its first post: before Slack has it on even deaths, after on odd ones.
          if (method !== "chat.postMessage" || ++calls > 1) return real.call(method, args);
          if (deaths % 2) await real.call(method, args);
          deaths++;
          return dead;
        },
      };
      const s = sender({}, api);
      cleanup.unshift(async () => die());
      return s;
    };
    for (let round = 0; round < 8; round++) {
      for (let i = 0; i < 15; i++) await queue(escalation("C0CRASH"));
      // A replica works until it dies at a post (its send never returns)…
      const d = dying();
      // (A DM page waits its turn, up to 30 s: the replica works until it has posted something.)
      for (let k = 0; k < 80 && deaths <= round; k++) {
        await d.pass();
        clock.advance(500);
      }
      // …and another takes over its lanes once its lease has run out.
      clock.advance(LEASE + 1);
      await run(sender(), 4_000);
    }
    await run(sender(), 30_000, 1_000);
    expect(deaths).toBeGreaterThanOrEqual(8);
    const seen = listings("C0CRASH");
    for (let i = 1; i <= n; i++) expect(seen.get(i) ?? 0, `#${i}`).toBeLessThanOrEqual(1);
    // Every case is either listed once in the channel or its card was posted once.
    const cards = posts("C0CRASH").filter((p) => /^card of #\d+$/.test(String(p.args.text)));
    const carded = new Set(cards.map((p) => Number(/#(\d+)/.exec(String(p.args.text))![1])));
    expect(cards.length).toBe(carded.size);
    for (let i = 1; i <= n; i++) expect((seen.get(i) ?? 0) + (carded.has(i) ? 1 : 0), `#${i}`).toBe(1);
    expect(await db.outboxMessage.count({ where: { status: "pending" } })).toBe(0);
  });

  it("two senders share Slack's budget: together they never go past it", async () => {
    const a = sender();
    const b = sender();
    for (let c = 0; c < 40; c++) {
      await enqueueMessage(db, clock, { kind: "post", channel: `C0SHARE${c}`, body: { text: `card ${c}` } });
    }
    await Promise.all([a.drain(), b.drain()]);
    const cards = await db.outboxMessage.findMany({ where: { channel: { startsWith: "C0SHARE" } } });
    for (let v = 0; v < 3; v++)
      for (const c of cards)
        await enqueueMessage(db, clock, { kind: "update", targetId: c.id, body: { text: `v${v}` } });
    for (let t = 0; t < 90; t++) {
      clock.advance(1_000);
      await Promise.all([a.drain(), b.drain()]);
    }
    const updates = fake.callsOf("chat.update");
    expect(updates).toHaveLength(40);
    expect(fake.rateLimited).toEqual([]);
    // No minute had more than Slack's 50 edits.
    for (const u of updates)
      expect(updates.filter((x) => x.at >= u.at && x.at < u.at + 60_000).length).toBeLessThanOrEqual(50);
  });
  it("when the workspace's posts run short, 09:00's reminders go before a storm's DMs queued ahead of them", async () => {
    const s = sender();
    // A complaint storm's first second: 200 case owners each told the clock moved their case, as
    // the complaints feature queues it (news, whatever the case's urgency: rank 1 here).
    for (let i = 1; i <= 200; i++)
      await enqueueMessage(db, clock, {
        kind: "post",
        channel: `U0OWN${i}`,
        body: { text: `case #${i} moved to tier 2` },
        priority: "news",
        group: {
          key: "complaint.owner",
          item: { line: `#${i}`, rank: 1, head: { title: "rollup.complaint.owner", locale: "en" } },
        },
      });
    // Then 09:00: twenty planners' reminders, as the promotions feature queues them; the first
    // planner has twenty-five items, more than the DM lists (the rest go in its thread).
    const t = translator("en");
    for (let p = 0; p < 44; p++)
      await enqueueMessage(
        db,
        clock,
        reminderMessage({
          ownerId: `U0PLAN${Math.max(0, p - 24)}`,
          t,
          text: `item ${p} due today`,
          itemId: `i${p}`,
          timerKey: `k${p}`,
          overdue: false,
        }),
      );
    const dmsTo = (prefix: string) =>
      fake.callsOf("chat.postMessage").filter((c) => String(c.args.channel).startsWith(prefix));
    // At 600 posts a minute (the bot keeps 90%: 9 a second) the 220 first DMs take 25 s; every
    // planner has their reminder within 5 s, and the storm's DMs go on behind them.
    await run(s, 5_000);
    expect(new Set(dmsTo("U0PLAN").map((c) => c.args.channel)).size).toBe(20);
    // All twenty-five of the first planner's: twenty in the DM, five on the page right behind it.
    const items = dmsTo("U0PLAN0").flatMap((c) => String(c.args.text).match(/item \d+ due today/g) ?? []);
    expect(new Set(items).size).toBe(25);
    expect(dmsTo("U0OWN").length).toBeLessThan(200);
    await run(s, 60_000, 1_000);
    expect(new Set(dmsTo("U0OWN").map((c) => c.args.channel)).size).toBe(200);
    expect(dmsTo("U0OWN")).toHaveLength(200);
    expect(dmsTo("U0PLAN")).toHaveLength(21);
    expect(fake.rateLimited).toEqual([]);
  });
  it("what of a wave comes just after its DM went is listed right behind it, ahead of other news", async () => {
    const s = sender();
    const remind = (i: number) => reminderTo("U0LATE", i);
    for (let i = 1; i <= 5; i++) await enqueueMessage(db, clock, remind(i));
    await run(s, 500);
    expect(posts("U0LATE")).toHaveLength(1);
    // The rest of the batch, a moment later, while 200 other people's news waits for Slack's posts.
    await newsFor200();
    for (let i = 6; i <= 8; i++) await enqueueMessage(db, clock, remind(i));
    await run(s, 1_500);
    const page = posts("U0LATE")[1];
    expect(page?.args.thread_ts).toBeDefined();
    expect(String(page!.args.text).match(/item \d+ due today/g)).toEqual([
      "item 6 due today",
      "item 7 due today",
      "item 8 due today",
    ]);
  });

  it("a wave goes on while its items keep coming, however late a busy sender reaches them; after a lull, news is later", async () => {
    const s = sender();
    const remind = (i: number) => reminderTo("U0SLOW", i);
    for (let i = 1; i <= 5; i++) await enqueueMessage(db, clock, remind(i));
    await run(s, 500);
    expect(posts("U0SLOW")).toHaveLength(1);
    // 200 people's news waits for Slack's posts; the batch's last reminders keep coming, 1.5 s
    // apart, for 4.5 s (a reminder job on a busy machine), and the sender reaches them late.
    await newsFor200();
    for (let i = 6; i <= 8; i++) {
      await enqueueMessage(db, clock, remind(i));
      clock.advance(1_500);
      await s.drain();
    }
    clock.advance(3_000);
    await run(s, 1_500);
    // Each went as the DM went (urgent: a reminder is promised for its time), not as later news.
    const pages = () =>
      db.outboxMessage.findMany({ where: { channel: "U0SLOW", threadOfId: { not: null } }, orderBy: { seq: "asc" } });
    expect((await pages()).map((p) => p.priority)).toEqual((await pages()).map(() => 1));
    const listed = posts("U0SLOW")
      .slice(1)
      .flatMap((p) => String(p.args.text).match(/item \d+ due today/g) ?? []);
    expect(listed).toEqual(["item 6 due today", "item 7 due today", "item 8 due today"]);
    // After a lull longer than the group wait, more news for them is later news (bulk).
    await enqueueMessage(db, clock, remind(9));
    await run(s, 500);
    expect((await pages()).at(-1)!.priority).toBe(3);
  });

  it("a minute-long wave of one person's news: each item is in the DM's next post, at most half a minute after it came", async () => {
    const s = sender();
    // The owner's side of a storm: an escalation of one of their cases every 1.2 s for a minute.
    const news = (i: number): OutgoingMessage => ({
      kind: "post",
      channel: "U0OWNER",
      body: { text: `case #${i} escalated` },
      group: {
        key: "complaint.owner",
        item: { line: `case #${i} escalated`, rank: 2, head: { title: "rollup.complaint.escalated", locale: "en" } },
      },
    });
    const came = new Map<number, number>();
    const shown = new Map<number, number>();
    const look = () => {
      for (const [i] of listings("U0OWNER")) if (!shown.has(i)) shown.set(i, clock.now().getTime());
    };
    for (let i = 1; i <= 50; i++) {
      await enqueueMessage(db, clock, news(i));
      came.set(i, clock.now().getTime());
      for (let t = 0; t < 1_200; t += 200) {
        clock.advance(200);
        await s.drain();
        look();
      }
    }
    for (let t = 0; t < 60_000; t += 500) {
      clock.advance(500);
      await s.drain();
      look();
    }
    expect(shown.size).toBe(50);
    const late = [...came].map(([i, at]) => shown.get(i)! - at);
    // A page goes at most twice a minute; what waited behind it for its turn is in it. (Listing
    // it only in the page after, half a minute later, had news wait up to a minute.)
    expect(Math.max(...late)).toBeLessThanOrEqual(31_000);
    // One DM and a page every half minute, not a post per item.
    expect(posts("U0OWNER").length).toBeLessThanOrEqual(5);
    expect([...listings("U0OWNER").values()].every((n) => n === 1)).toBe(true);
  });
});

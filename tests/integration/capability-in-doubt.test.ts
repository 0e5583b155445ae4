// A canvas or a Slack List being brought up to date when its sender dies, before or after Slack
// took one of the calls: the sender that takes the row over after the lease does the whole update
// again. Replacing a table, or writing a row's cells, twice leaves them as once; the channel's
// message is keyed by the row, so it is queued once. (A sender dying between Slack making the
// canvas or a row and the bot recording its id is the one window left: see canvas-deliver.ts.)
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import type { DbClient } from "../../src/infra/db/db.ts";
import { createLogger } from "../../src/infra/logger.ts";
import type { Sql } from "../../src/infra/db/sql.ts";
import { createSlackApi } from "../../src/slack/api.ts";
import type { SlackApi } from "../../src/deps.ts";
import { enqueueMessage } from "../../src/outbox/outbox.ts";
import type { OutgoingMessage } from "../../src/outbox/message.ts";
import { canvasTable, ownedPart } from "../../src/outbox/canvas.ts";
import { OutboxSender } from "../../src/slack/sender.ts";
import { lookup } from "../../src/sandbox/standin/canvases.ts";
import { freshDb } from "../support/db.ts";
import { FakeSlack } from "../support/fake-slack.ts";
import { until } from "../support/harness.ts";

const log = createLogger("silent");
const LEASE = 10_000;

const canvas = (version: number): OutgoingMessage => ({
  kind: "canvas",
  channel: "C1",
  body: { text: `report v${version}` },
  canvas: {
    key: "retro:1",
    title: "复盘",
    made: "made",
    updated: "updated",
    parts: [
      { heading: "## 笔记", markdown: "团队写的" },
      ownedPart("📊 指标", "计划与实际", { header: ["", "实际"], rows: [["GMV", String(version * 100)]] }),
      ownedPart("🛠 行动", "改进行动", { header: ["", "截止"], rows: [["提前批预算", `2027-0${version}-01`]] }),
    ],
  },
});

const list = (done: boolean[]): OutgoingMessage => ({
  kind: "list",
  channel: "C1",
  body: { text: "" },
  list: {
    key: "promo-list:1",
    name: "清单",
    made: "made",
    toggle: "done",
    columns: [
      { key: "item", name: "事项", type: "text", primary: true },
      { key: "done", name: "完成", type: "checkbox" },
    ],
    rows: done.map((d, i) => ({ key: `i${i}`, cells: { item: `事项 ${i}`, done: d } })),
  },
});

describe("a canvas or List in flight when its sender dies", () => {
  let fake: FakeSlack;
  let db: DbClient;
  let sql: Sql;
  let clock: FixedClock;
  const cleanup: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    clock = new FixedClock("2026-11-28T02:00:00Z");
    fake = await new FakeSlack().start();
    ({ db, sql } = await freshDb());
  });
  afterEach(async () => {
    for (const c of cleanup.splice(0)) await c();
    await fake.stop();
    await db.$disconnect();
  });

  const sender = (api: SlackApi) => {
    const s = new OutboxSender(sql, clock, api, log, { leaseMs: LEASE, perChannelIntervalMs: 0 });
    cleanup.push(() => s.stop());
    return s;
  };

  /**
   * Sends `msg` with a sender that dies at the nth call of `method`, before or after Slack has
   * it; then another takes over.
   */
  async function dieThenTakeOver(msg: OutgoingMessage, method: string, nth: number, when: "before" | "after") {
    const real = createSlackApi("xoxb-test", fake.apiUrl);
    let seen = 0;
    let reached = false;
    let die!: () => void;
    const dead = new Promise<never>((_, reject) => (die = () => reject(new Error("the process is gone"))));
    dead.catch(() => {});
    const api: SlackApi = {
      ...real,
      async call(m, args) {
        if (m !== method || ++seen !== nth) return real.call(m, args);
        if (when === "after") await real.call(m, args);
        reached = true;
        return dead;
      },
    };
    await enqueueMessage(db, clock, msg);
    const dying = new OutboxSender(sql, clock, api, log, { leaseMs: LEASE, perChannelIntervalMs: 0 });
    cleanup.push(async () => {
      die();
      await dying.stop();
    });
    await dying.pass();
    await until(() => reached);
    clock.advance(LEASE + 1);
    await sender(real).drain();
  }

  const sections = (tag: string) => {
    const c = [...fake.ws.canvases.values()][0]!;
    return c.sections.filter((s) => lookup(c, { contains_text: tag }).includes(s.id));
  };
  const posts = (text: string) => fake.ws.messages.filter((m) => m.channel === "C1" && m.text.startsWith(text));

  it("an update dying at each call, before and after Slack took it, lands once", async () => {
    await enqueueMessage(db, clock, canvas(1));
    await sender(createSlackApi("xoxb-test", fake.apiUrl)).drain();
    let version = 1;
    for (const method of ["canvases.sections.lookup", "canvases.edit"])
      for (const nth of [1, 2])
        for (const when of ["before", "after"] as const) {
          version++;
          await dieThenTakeOver(canvas(version), method, nth, when);
          expect(fake.ws.canvases.size).toBe(1);
          expect(sections("📊 指标")).toHaveLength(1);
          expect(sections("📊 指标")[0]!.markdown).toBe(
            canvasTable({ header: ["📊 指标", "实际"], rows: [["GMV", String(version * 100)]] }),
          );
          expect(sections("🛠 行动")).toHaveLength(1);
          expect(sections("🛠 行动")[0]!.markdown).toContain(`2027-0${version}-01`);
          expect(posts(`report v${version}`)).toHaveLength(1);
        }
    expect(sections("团队写的")).toHaveLength(1);
  });

  it("a later state superseding the one someone asked for keeps who to tell if Slack refuses it", async () => {
    fake.ws.plan = "free";
    const told: { actorId: string | null; outcome: string }[] = [];
    const s = new OutboxSender(sql, clock, createSlackApi("xoxb-test", fake.apiUrl), log, {
      perChannelIntervalMs: 0,
      capabilityFollowUp: async (row, _body, outcome) =>
        void told.push({ actorId: row.actorId, outcome: outcome.kind }),
    });
    cleanup.push(() => s.stop());
    await enqueueMessage(db, clock, { ...list([false, false, false]), actorId: "U0LEAD" });
    await enqueueMessage(db, clock, list([true, false, false]));
    await s.drain();
    expect(told).toEqual([{ actorId: "U0LEAD", outcome: "fallback" }]);
  });

  it("a List's rows dying at each update, before and after Slack took it, land once", async () => {
    await enqueueMessage(db, clock, list([false, false, false]));
    await sender(createSlackApi("xoxb-test", fake.apiUrl)).drain();
    const states = [
      [true, false, false],
      [true, true, false],
      [false, true, true],
      [true, true, true],
    ];
    for (const [i, done] of states.entries()) {
      await dieThenTakeOver(list(done), "slackLists.items.update", 1, i % 2 ? "after" : "before");
      const l = [...fake.ws.lists.values()][0]!;
      expect(fake.ws.lists.size).toBe(1);
      expect(l.items).toHaveLength(3);
      const doneCol = l.columns.find((c) => c.key === "done")!.id;
      expect(l.items.map((it) => it.fields[doneCol])).toEqual(done);
    }
  });
});

// A promotion's checklist mirrored into a Slack List: made by /promo list 3, following each tick
// on the checklist, and a tick made in the List (read back every two minutes) reaching the
// checklist message; a tick by someone who may not make it is undone in the List; on the free
// plan the checklist stays a message and the owner hears why once.
import { afterEach, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/infra/clock.ts";
import { tickListItem } from "../../src/sandbox/standin/lists.ts";
import { runAt, settle, startHarness, until, type Harness } from "../support/harness.ts";
import { blockAction } from "../support/payloads.ts";
import { interaction } from "../support/signed.ts";
import { CHANNEL, checklistPosts, dmsTo, promo, promoReply } from "./campaigns-support.ts";

describe("the checklist as a Slack List", () => {
  let h: Harness;
  let clock: FixedClock;
  afterEach(() => h.stop());

  async function start() {
    clock = new FixedClock("2026-09-01T04:00:00Z");
    h = await startHarness({ clock });
    h.fake.users.set("U0LEAD", { locale: "zh-CN" });
    await promo(h, "U0LEAD", "new 双11 2026-11-11 double11");
    await until(() => h.bot.deps.db.campaign.findFirst());
    await settle(h);
  }

  /** /promo list 1, and its List queued (the command is answered first, the work done just after). */
  async function mirror() {
    const queued = () => h.bot.deps.db.outboxMessage.count({ where: { kind: "list" } });
    const before = await queued();
    await promo(h, "U0LEAD", "list 1");
    await until(async () => (await queued()) > before);
    await settle(h);
  }

  const theList = () => [...h.fake.ws.lists.values()][0]!;
  const cell = (itemId: string, key: string) => {
    const l = theList();
    const row = l.items.find((i) => l.columns.some((c) => c.key === "item") && i.id === itemId)!;
    return row.fields[l.columns.find((c) => c.key === key)!.id];
  };
  /** The List's row of a checklist item, by the row the bot recorded for it. */
  const rowOf = async (itemId: string) =>
    (await h.bot.deps.db.slackListRow.findFirstOrThrow({ where: { rowKey: itemId } })).rowId;
  /** An item's line in the checklist message as it shows now (its last edit). */
  const lineNow = (itemId: string) => {
    const blocks = h.fake.callsOf("chat.update").at(-1)!.args.blocks as {
      block_id?: string;
      text?: { text: string };
    }[];
    return blocks.find((b) => b.block_id === `item:${itemId}`)?.text?.text ?? "";
  };

  it("mirrors the checklist, follows a tick made on the checklist, and brings a tick made in the List back", async () => {
    await start();
    expect(await promoReply(h, "U0LEAD", "list 1")).toContain("正在把 #1 的清单同步为 Slack 列表");
    await until(() => h.bot.deps.db.outboxMessage.findFirst({ where: { kind: "list" } }));
    await settle(h);
    const list = theList();
    expect(list.name).toBe("#1 双11 · 清单");
    expect(list.channel).toBe(CHANNEL);
    expect(list.columns.map((c) => [c.key, c.type])).toEqual([
      ["item", "text"],
      ["stage", "text"],
      ["owner", "user"],
      ["due", "date"],
      ["done", "checkbox"],
    ]);
    const items = await h.bot.deps.db.campaignItem.findMany({ where: {}, orderBy: { seq: "asc" } });
    expect(list.items).toHaveLength(items.length);
    const first = items[0]!;
    expect(cell(await rowOf(first.id), "owner")).toEqual([first.ownerId]);
    expect(cell(await rowOf(first.id), "due")).toEqual([first.dueDate]);
    expect(cell(await rowOf(first.id), "done")).toBe(false);
    // The channel hears of it once.
    const said = h.fake
      .callsOf("chat.postMessage")
      .filter((c) => String(c.args.text).includes("也已同步为 Slack 列表"));
    expect(said).toHaveLength(1);

    // Ticked on the checklist: the List follows, that row alone written again.
    const updatesBefore = h.fake.callsOf("slackLists.items.update").length;
    await interaction(
      h.baseUrl,
      blockAction({
        user: first.ownerId,
        channel: CHANNEL,
        messageTs: "1",
        actionId: "promo_item_menu",
        selected: `done:${first.id}`,
        responseUrl: h.fake.responseUrl("tick"),
      }),
    );
    await until(
      async () => (await h.bot.deps.db.campaignItem.findUniqueOrThrow({ where: { id: first.id } })).status === "done",
    );
    await settle(h);
    expect(cell(await rowOf(first.id), "done")).toBe(true);
    const written = h.fake.callsOf("slackLists.items.update").slice(updatesBefore);
    expect(written).toHaveLength(1);

    // Ticked in the List by the second item's owner: read back at the next two-minute mark.
    const second = items[1]!;
    expect(
      tickListItem(h.fake.ws, {
        listId: list.id,
        itemId: await rowOf(second.id),
        column: "done",
        checked: true,
        by: second.ownerId,
      }),
    ).toBe(true);
    await runAt(h, clock, "2026-09-01T04:02:00Z");
    await until(
      async () => (await h.bot.deps.db.campaignItem.findUniqueOrThrow({ where: { id: second.id } })).status === "done",
    );
    await settle(h);
    const row = await h.bot.deps.db.campaignItem.findUniqueOrThrow({ where: { id: second.id } });
    expect(row.doneBy).toBe(second.ownerId);
    expect(lineNow(second.id)).toContain("✅");
    // Nothing was written back to the List for it: it already says so.
    expect(h.fake.callsOf("slackLists.items.update").slice(updatesBefore)).toHaveLength(1);
  });

  it("undoes in the List a tick made by someone who may not make it", async () => {
    await start();
    await mirror();
    const items = await h.bot.deps.db.campaignItem.findMany({ orderBy: { seq: "asc" } });
    const item = items.find((i) => i.ownerId !== "U0STRANGER")!;
    tickListItem(h.fake.ws, {
      listId: theList().id,
      itemId: await rowOf(item.id),
      column: "done",
      checked: true,
      by: "U0STRANGER",
    });
    await runAt(h, clock, "2026-09-01T04:02:00Z");
    await settle(h);
    expect((await h.bot.deps.db.campaignItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe("open");
    expect(cell(await rowOf(item.id), "done")).toBe(false);
  });

  it("keeps the checklist a message without the lists scope, and says which scope", async () => {
    await start();
    h.fake.ws.scopes = new Set(["chat:write", "commands", "canvases:write", "canvases:read"]);
    await mirror();
    expect(h.fake.ws.lists.size).toBe(0);
    const notices = dmsTo(h, "U0LEAD").filter((t) => t.startsWith("ℹ️"));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain("missing_scope");
    expect(notices[0]).toContain("lists:write");
  });

  it("keeps the checklist a message on the free plan, and tells the owner once", async () => {
    await start();
    h.fake.ws.plan = "free";
    await mirror();
    await mirror();
    expect(h.fake.ws.lists.size).toBe(0);
    expect(h.fake.callsOf("slackLists.create")).toHaveLength(1);
    const notices = dmsTo(h, "U0LEAD").filter((t) => t.startsWith("ℹ️"));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain("feature_not_enabled");
    expect(notices[0]).toContain("付费方案");
    // The checklist message is there as ever.
    expect(checklistPosts(h).some((c) => String(c.args.text).includes("双11"))).toBe(true);
  });
});

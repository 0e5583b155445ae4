// The mention budget: a person is @-mentioned at most once per interval in a channel, however
// many senders (replicas) deliver into it at the same moment.
import { describe, expect, it } from "vitest";
import { budgetMentions } from "../../src/slack/delivery/mentions.ts";
import { freshDb } from "../support/db.ts";

const names = async (ids: string[]) => new Map(ids.map((id) => [id, `name of ${id}`]));
const pinged = (body: { text: string }) => body.text.includes("<@U0TIER2>");

describe("the mention budget", () => {
  it("lets one of twenty simultaneous messages ping, names the person in the rest, and pings again after the interval", async () => {
    const { db, sql } = await freshDb();
    const at = new Date("2026-11-11T02:00:00Z");
    const bodies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        budgetMentions(sql, "C0TIER2", { text: `<@U0TIER2> case #${i}` }, at, 60_000, names),
      ),
    );
    expect(bodies.filter(pinged)).toHaveLength(1);
    expect(bodies.filter((b) => b.text.startsWith("@name of U0TIER2 case #"))).toHaveLength(19);
    const within = await budgetMentions(
      sql,
      "C0TIER2",
      { text: "<@U0TIER2> later" },
      new Date(at.getTime() + 59_000),
      60_000,
      names,
    );
    expect(pinged(within)).toBe(false);
    const after = await budgetMentions(
      sql,
      "C0TIER2",
      { text: "<@U0TIER2> next wave" },
      new Date(at.getTime() + 60_000),
      60_000,
      names,
    );
    expect(pinged(after)).toBe(true);
    // Another channel has its own budget.
    expect(pinged(await budgetMentions(sql, "C0TIER1", { text: "<@U0TIER2> here" }, at, 60_000, names))).toBe(true);
    await db.$disconnect();
  });
});

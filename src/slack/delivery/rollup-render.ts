// A roll-up's messages are drawn when they are sent, from the items folded into it by then: the
// parent (posted once: the count, the most urgent items, buttons to post them), its pages (in the
// thread: every item that came after, in order), and the parent's edits (the counts as they are
// now). Drawing at send time means a queued page keeps gathering items until Slack takes it.
import { t as tr, type Params } from "../../infra/i18n.ts";
import { esc } from "../../infra/markup.ts";
import { toNum, type Sql } from "../../infra/db/sql.ts";
import { isDmLane, type MessageBody, type RollupHead, type RollupItem } from "../../outbox/message.ts";
import { ensurePage } from "./fold.ts";
import { gatherQueued } from "./gather.ts";
import { toRollup, type RollupRow } from "./rollup-row.ts";
import { dePing, mentionTargets, type NameOf } from "./mentions.ts";
import { rollupBlocks, pageBlocks, type Line } from "./rollup-blocks.ts";
import { DM_PARENT_ITEMS, PAGE_ITEMS, PARENT_ITEMS } from "./settings.ts";

export interface RollupSpec {
  id: string;
  part: "parent" | "page" | "summary";
}

export const rollupSpecOf = (body: unknown): RollupSpec | undefined => {
  const r = (body as { rollup?: RollupSpec } | null)?.rollup;
  return r && typeof r.id === "string" ? r : undefined;
};

interface ItemRow {
  id: string;
  item: unknown;
  status: string;
}

const parseItem = (v: unknown): RollupItem => (typeof v === "string" ? JSON.parse(v) : v) as RollupItem;

async function load(sql: Sql, id: string): Promise<RollupRow> {
  const r = await sql.get(`SELECT * FROM "Rollup" WHERE "id" = ?`, [id]);
  if (!r) throw new Error(`roll-up ${id} is gone`);
  return toRollup(r);
}

/**
 * Assigns up to `max` items not shown yet to this message (a retry keeps what it had); returns
 * how many items the roll-up had listed before this message's own.
 */
async function assign(q: Sql, r: RollupRow, messageId: string, max: number): Promise<number> {
  const had = await q.get<{ n: unknown }>(
    `SELECT COUNT(*) AS "n" FROM "OutboxMessage" WHERE "rollupId" = ? AND "shownIn" = ?`,
    [r.id, messageId],
  );
  const mine = toNum(had?.n ?? 0);
  const room = max - mine;
  if (room > 0) {
    const n = await q.run(
      `UPDATE "OutboxMessage" SET "shownIn" = ? WHERE "id" IN (SELECT "id" FROM "OutboxMessage"
         WHERE "rollupId" = ? AND "shownIn" IS NULL AND "item" IS NOT NULL ORDER BY "priority", "seq" LIMIT ?)`,
      [messageId, r.id, room],
    );
    if (n > 0) await q.run(`UPDATE "Rollup" SET "listed" = "listed" + ? WHERE "id" = ?`, [n, r.id]);
    const after = await q.get<{ listed: unknown }>(`SELECT "listed" FROM "Rollup" WHERE "id" = ?`, [r.id]);
    return toNum(after?.listed ?? 0) - mine - n;
  }
  const now = await q.get<{ listed: unknown }>(`SELECT "listed" FROM "Rollup" WHERE "id" = ?`, [r.id]);
  return toNum(now?.listed ?? 0) - mine;
}

/** Whether any item is still not listed (an index look-up, not a count). */
async function unshown(q: Sql, r: RollupRow): Promise<boolean> {
  return Boolean(
    await q.get(
      `SELECT 1 AS "x" FROM "OutboxMessage" WHERE "rollupId" = ? AND "shownIn" IS NULL AND "item" IS NOT NULL LIMIT 1`,
      [r.id],
    ),
  );
}

/** Lines as people read them: everyone named, nobody pinged. */
async function lines(rows: ItemRow[], nameOf: NameOf): Promise<Line[]> {
  const items = rows.map((r) => ({ id: r.id, folded: r.status === "folded", ...parseItem(r.item) }));
  const people = new Set(items.flatMap((i) => mentionTargets(i.line)));
  const names = await nameOf([...people].filter((p) => !p.startsWith("subteam^")));
  return items.map((i) => ({ id: i.id, rank: i.rank, folded: i.folded, text: dePing(i.line, people, names) }));
}

/** The message to send for one of a roll-up's rows. */
export async function renderRollup(
  sql: Sql,
  messageId: string,
  spec: RollupSpec,
  nameOf: NameOf,
  o: { now: Date; dmPageEveryMs: number },
): Promise<MessageBody> {
  const r = await load(sql, spec.id);
  if (spec.part !== "summary") await sql.tx((q) => gatherQueued(q, r, o.now));
  // In a person's DM, a page of what came later waits: the workspace's posts are shared by
  // everyone in the wave. The page holding what the DM itself had no room for is the same wave,
  // and goes right behind it: a DM that says "the rest are in the thread" has them there.
  if (spec.part !== "summary" && isDmLane(r.lane)) {
    await sql.run(`UPDATE "Rollup" SET "pageAfter" = ? WHERE "id" = ?`, [
      new Date(o.now.getTime() + (spec.part === "parent" ? 0 : o.dmPageEveryMs)),
      r.id,
    ]);
  }
  const head = JSON.parse(r.head) as RollupHead;
  const t = (key: Parameters<typeof tr>[1], params?: Params) => tr(head.locale, key, params);
  const title = t(head.title, { ...(head.params ?? {}), count: r.count });
  if (spec.part === "page") return renderPage(sql, r, messageId, title, t, nameOf);
  if (spec.part === "parent") {
    await sql.tx(async (q) => {
      await assign(q, r, messageId, isDmLane(r.lane) ? DM_PARENT_ITEMS : PARENT_ITEMS);
      if (await unshown(q, r)) await ensurePage(q, r, new Date(r.lastFoldAt));
    });
  }
  const top = await sql.all<ItemRow>(
    spec.part === "parent"
      ? `SELECT "id", "item", "status" FROM "OutboxMessage" WHERE "rollupId" = ? AND "shownIn" = ? ORDER BY "priority", "seq"`
      : `SELECT "id", "item", "status" FROM "OutboxMessage" WHERE "rollupId" = ? AND "item" IS NOT NULL
           ORDER BY "priority", "seq" LIMIT ${isDmLane(r.lane) ? DM_PARENT_ITEMS : PARENT_ITEMS}`,
    spec.part === "parent" ? [r.id, messageId] : [r.id],
  );
  const choices = await sql.all<ItemRow>(
    `SELECT "id", "item", "status" FROM "OutboxMessage" WHERE "rollupId" = ? AND "item" IS NOT NULL AND "status" = 'folded'
     ORDER BY "priority", "seq" LIMIT 100`,
    [r.id],
  );
  await sql.run(`UPDATE "Rollup" SET "shownCount" = ? WHERE "id" = ?`, [r.count, r.id]);
  const mentions = (head.mentions ?? []).map((m) => (m.startsWith("subteam^") ? `<!${m}>` : `<@${m}>`)).join(" ");
  return rollupBlocks(t, {
    rollupId: r.id,
    title: esc(title),
    urgent: r.urgent,
    mentions,
    lines: await lines(top, nameOf),
    more: Math.max(0, r.count - top.length),
    choices: await lines(choices, nameOf),
  });
}

async function renderPage(
  sql: Sql,
  r: RollupRow,
  messageId: string,
  title: string,
  t: (key: Parameters<typeof tr>[1], params?: Params) => string,
  nameOf: NameOf,
): Promise<MessageBody> {
  const { rows, before } = await sql.tx(async (q) => {
    const listedBefore = await assign(q, r, messageId, PAGE_ITEMS);
    if (await unshown(q, r)) await ensurePage(q, r, new Date(r.lastFoldAt), "later");
    const mine = await q.all<ItemRow>(
      `SELECT "id", "item", "status" FROM "OutboxMessage" WHERE "rollupId" = ? AND "shownIn" = ? ORDER BY "priority", "seq"`,
      [r.id, messageId],
    );
    return { rows: mine, before: listedBefore };
  });
  const from = before + 1;
  return pageBlocks(t, {
    title: esc(title),
    from,
    to: from + rows.length - 1,
    count: r.count,
    lines: await lines(rows, nameOf),
  });
}

// A queued Slack List (outbox/list.ts) made or brought into step. The first delivery makes the
// List (slackLists.create with the columns) and shares it with the channel for writing
// (slackLists.access.set); each delivery then writes only the rows whose cells differ from what
// was last written or read back: a new row with slackLists.items.create, a changed one with
// slackLists.items.update. Each id Slack gives is recorded as soon as it is given, so a resend
// after a crash carries on where the first stopped (a crash between Slack's answer and that
// record leaves one row, or the List, made twice: Slack has no way to ask for one by a key).
import type { Sql } from "../../infra/db/sql.ts";
import type { SlackApi } from "../../deps.ts";
import { SlackCallError } from "../api.ts";
import type { OutboxRow } from "../outbox-row.ts";
import type { MessageBody } from "../../outbox/message.ts";
import type { ListCell, ListColumn, ListDocument } from "../../outbox/list.ts";
import { isRefusal, newerQueued, noteCapability, refusedLately } from "./capabilities.ts";
import type { CapabilityFollowUp } from "./follow-up.ts";

export type ListBody = MessageBody & { list: ListDocument };

/** A cell as slackLists.items.create / update take it. */
function field(columnId: string, type: ListColumn["type"], v: ListCell) {
  switch (type) {
    case "checkbox":
      return { column_id: columnId, checkbox: v === true };
    case "user":
      return { column_id: columnId, user: v ? [String(v)] : [] };
    case "date":
      return { column_id: columnId, date: v ? [String(v)] : [] };
    default:
      return {
        column_id: columnId,
        rich_text: [
          {
            type: "rich_text",
            elements: [{ type: "rich_text_section", elements: [{ type: "text", text: String(v ?? "") }] }],
          },
        ],
      };
  }
}

async function makeList(sql: Sql, api: SlackApi, row: OutboxRow, doc: ListDocument, now: Date) {
  const r = await api.call("slackLists.create", {
    name: doc.name,
    schema: doc.columns.map((c) => ({ key: c.key, name: c.name, type: c.type, is_primary_column: c.primary })),
  });
  const listId = String(r.list_id);
  const schema = ((r.list_metadata as { schema?: { id: string; key: string }[] } | undefined)?.schema ?? []).map(
    (c) => [c.key, c.id] as const,
  );
  const columns = Object.fromEntries(schema);
  await sql.run(
    `INSERT INTO "SlackListDoc" ("key", "channelId", "listId", "columns", "createdAt") VALUES (?, ?, ?, ?, ?)
     ON CONFLICT ("key") DO UPDATE SET "listId" = excluded."listId", "columns" = excluded."columns"`,
    [doc.key, row.channel, listId, JSON.stringify(columns), now],
  );
  await api.call("slackLists.access.set", { list_id: listId, channel_ids: [row.channel], access_level: "write" });
  return { listId, columns: columns as Record<string, string> };
}

/** A row's cells as the bot last wrote or read them. */
export const recordRow = (sql: Pick<Sql, "run">, docKey: string, rowKey: string, state: string) =>
  sql.run(`UPDATE "SlackListRow" SET "state" = ? WHERE "docKey" = ? AND "rowKey" = ?`, [state, docKey, rowKey]);

async function writeRows(sql: Sql, api: SlackApi, doc: ListDocument, listId: string, columns: Record<string, string>) {
  const known = new Map(
    (
      await sql.all<{ rowKey: string; rowId: string; state: string }>(
        `SELECT "rowKey", "rowId", "state" FROM "SlackListRow" WHERE "docKey" = ?`,
        [doc.key],
      )
    ).map((r) => [r.rowKey, r]),
  );
  const fields = (cells: Record<string, ListCell>) =>
    doc.columns.filter((c) => columns[c.key]).map((c) => field(columns[c.key]!, c.type, cells[c.key] ?? null));
  for (const r of doc.rows) {
    const state = JSON.stringify(r.cells);
    const was = known.get(r.key);
    if (was?.state === state) continue;
    if (!was) {
      const made = await api.call("slackLists.items.create", { list_id: listId, initial_fields: fields(r.cells) });
      const rowId = String((made.item as { id: string }).id);
      await sql.run(`INSERT INTO "SlackListRow" ("docKey", "rowKey", "rowId", "state") VALUES (?, ?, ?, ?)`, [
        doc.key,
        r.key,
        rowId,
        state,
      ]);
    } else {
      const cells = fields(r.cells).map((f) => ({ ...f, row_id: was.rowId }));
      await api.call("slackLists.items.update", { list_id: listId, cells });
      await recordRow(sql, doc.key, r.key, state);
    }
  }
}

export async function deliverList(
  sql: Sql,
  api: SlackApi,
  row: OutboxRow,
  body: ListBody,
  ctx: { now: Date; followUp: CapabilityFollowUp },
): Promise<{ ts: string | null; channel: string | null } | "superseded"> {
  if (await newerQueued(sql, row)) return "superseded";
  const doc = body.list;
  const refused = await refusedLately(sql, "lists", ctx.now);
  if (refused) {
    await ctx.followUp(row, body, { kind: "fallback", reason: refused }, "lists");
    return { ts: null, channel: row.channel };
  }
  try {
    const known = await sql.get<{ listId: string; columns: string }>(
      `SELECT "listId", "columns" FROM "SlackListDoc" WHERE "key" = ?`,
      [doc.key],
    );
    const made = !known;
    const { listId, columns } = known
      ? { listId: known.listId, columns: JSON.parse(known.columns) as Record<string, string> }
      : await makeList(sql, api, row, doc, ctx.now);
    await writeRows(sql, api, doc, listId, columns);
    await noteCapability(sql, "lists", true, null, ctx.now);
    await ctx.followUp(row, body, { kind: made ? "made" : "updated" }, "lists");
    return { ts: listId, channel: row.channel };
  } catch (e) {
    const reason = e instanceof SlackCallError && e.failure.type === "permanent" ? e.failure.reason : "";
    if (!isRefusal(reason)) throw e;
    await noteCapability(sql, "lists", false, reason, ctx.now);
    await ctx.followUp(row, body, { kind: "fallback", reason }, "lists");
    return { ts: null, channel: row.channel };
  }
}

// Slack sends no event when someone edits a List, so the bot reads its Lists back: every two
// minutes (a recurring timer, so on the injected clock) each List of a kind is read with
// slackLists.items.list, and a row whose checkbox differs from what the bot last wrote or read
// was changed in Slack: its new value is recorded and handed to the feature that owns the list.
// One replica reads a List at a time (a lease on its row).
import type { Deps } from "../../deps.ts";
import { SlackCallError } from "../api.ts";
import { isRefusal, noteCapability } from "./capabilities.ts";
import { recordRow } from "./list-deliver.ts";

interface Field {
  key?: string;
  column_id?: string;
  value?: unknown;
  checkbox?: boolean[];
}
interface Item {
  id: string;
  updated_by?: string;
  fields?: Field[];
}

export type ListToggle = (docKey: string, rowKey: string, checked: boolean, by: string | undefined) => Promise<void>;

const LEASE_MS = 60_000;

async function itemsOf(deps: Pick<Deps, "slack">, listId: string): Promise<Item[]> {
  const out: Item[] = [];
  let cursor: string | undefined;
  do {
    const r = await deps.slack.call("slackLists.items.list", { list_id: listId, limit: 100, cursor });
    out.push(...((r.items as Item[] | undefined) ?? []));
    cursor = (r.response_metadata as { next_cursor?: string } | undefined)?.next_cursor || undefined;
  } while (cursor);
  return out;
}

const checkedIn = (f: Field | undefined) => f?.checkbox?.[0] ?? f?.value === true;

/** Reads back the Lists whose key starts with `prefix`; how many rows had changed in Slack. */
export async function pollLists(
  deps: Pick<Deps, "sql" | "slack" | "clock" | "log">,
  prefix: string,
  toggle: string,
  onToggle: ListToggle,
): Promise<number> {
  const now = deps.clock.now();
  const docs = await deps.sql.all<{ key: string; listId: string; columns: string }>(
    `SELECT "key", "listId", "columns" FROM "SlackListDoc" WHERE "key" LIKE ?`,
    [`${prefix}%`],
  );
  let changed = 0;
  for (const doc of docs) {
    const mine = await deps.sql.run(
      `UPDATE "SlackListDoc" SET "pollLease" = ? WHERE "key" = ? AND ("pollLease" IS NULL OR "pollLease" < ?)`,
      [new Date(now.getTime() + LEASE_MS), doc.key, now],
    );
    if (!mine) continue;
    try {
      const column = (JSON.parse(doc.columns) as Record<string, string>)[toggle];
      for (const item of await itemsOf(deps, doc.listId)) {
        const row = await deps.sql.get<{ rowKey: string; state: string }>(
          `SELECT "rowKey", "state" FROM "SlackListRow" WHERE "docKey" = ? AND "rowId" = ?`,
          [doc.key, item.id],
        );
        if (!row) continue;
        const checked = checkedIn(item.fields?.find((f) => f.column_id === column || f.key === toggle));
        const state = JSON.parse(row.state) as Record<string, unknown>;
        if (Boolean(state[toggle]) === checked) continue;
        // What Slack holds now is what the bot knows the row holds: the feature's answer (its
        // list changed too, or not) is written back only if it differs.
        await recordRow(deps.sql, doc.key, row.rowKey, JSON.stringify({ ...state, [toggle]: checked }));
        changed++;
        try {
          await onToggle(doc.key, row.rowKey, checked, item.updated_by);
        } catch (e) {
          // Not taken: the next read sees the change again.
          await recordRow(deps.sql, doc.key, row.rowKey, row.state);
          throw e;
        }
      }
    } catch (e) {
      const reason = e instanceof SlackCallError && e.failure.type === "permanent" ? e.failure.reason : "";
      if (isRefusal(reason)) await noteCapability(deps.sql, "lists", false, reason, now);
      deps.log.warn({ err: e, list: doc.key }, "could not read a Slack List back");
    } finally {
      await deps.sql.run(`UPDATE "SlackListDoc" SET "pollLease" = NULL WHERE "key" = ?`, [doc.key]);
    }
  }
  return changed;
}

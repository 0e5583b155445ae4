// slackLists.* as Slack answers them, for the methods the bot uses: a List made with its columns,
// shared with a channel, its items made, updated and listed (with updated_by). Lists are for paid
// plans: a free workspace is answered feature_not_enabled (Slack documents the rule, not the
// error's name); a missing lists:write or lists:read scope is answered missing_scope.
import { fail, json, ok, str, type Answer, type Call, type Method } from "./web-api-kit.ts";
import type { SlackList, SlackListItem } from "./lists.ts";

function refused(c: Call, scope: string): Answer | undefined {
  if (c.ctx.ws.plan === "free") return fail("feature_not_enabled");
  const granted = c.ctx.ws.scopes;
  if (granted && !granted.has(scope)) return fail("missing_scope", { needed: scope, provided: [...granted].join(",") });
  return undefined;
}

type Cell = { column_id?: string; row_id?: string; [k: string]: unknown };

/** The value a cell carries, whatever its type's field. */
function valueOf(cell: Cell): unknown {
  if ("checkbox" in cell) return Array.isArray(cell.checkbox) ? cell.checkbox[0] === true : cell.checkbox === true;
  for (const k of ["user", "date", "select", "number"]) if (k in cell) return cell[k];
  if ("rich_text" in cell) return JSON.stringify(cell.rich_text);
  return cell.text ?? null;
}

function setCells(list: SlackList, item: SlackListItem, cells: Cell[]): string | undefined {
  for (const cell of cells) {
    if (!list.columns.some((col) => col.id === cell.column_id)) return "invalid_column_id";
    item.fields[cell.column_id!] = valueOf(cell);
  }
  return undefined;
}

/** An item as slackLists.items.list shows it: each field with its column, typed as Slack types it. */
export function listedItem(list: SlackList, item: SlackListItem) {
  return {
    id: item.id,
    list_id: list.id,
    updated_by: item.updatedBy,
    fields: list.columns.map((col) => {
      const v = item.fields[col.id];
      const typed = col.type === "checkbox" ? { checkbox: [v === true] } : Array.isArray(v) ? { [col.type]: v } : {};
      return { key: col.key, column_id: col.id, value: v ?? null, ...typed };
    }),
  };
}

function listOf(c: Call, arg = "list_id") {
  return c.ctx.ws.lists.get(str(c.args[arg]) ?? "");
}

export const LIST_METHODS: Record<string, Method> = {
  "slackLists.create": (c) => {
    const { ws } = c.ctx;
    const no = refused(c, "lists:write");
    if (no) return no;
    const schema =
      json<{ key: string; name: string; type: string; is_primary_column?: boolean }[]>(c.args.schema) ?? [];
    if (schema.filter((s) => s.is_primary_column).length !== 1) return fail("invalid_primary_column");
    const columns = schema.map((s) => ({ id: ws.nextId("Col"), key: s.key, name: s.name, type: s.type }));
    const list: SlackList = { id: ws.nextId("F"), name: str(c.args.name) ?? "", columns, items: [] };
    ws.lists.set(list.id, list);
    ws.emitChange({ type: "list", list });
    return ok({
      list_id: list.id,
      list_metadata: { schema: columns.map((x) => ({ id: x.id, key: x.key, name: x.name, type: x.type })) },
    });
  },
  "slackLists.access.set": (c) => {
    const no = refused(c, "lists:write");
    if (no) return no;
    const list = listOf(c);
    if (!list) return fail("list_not_found");
    const channels = json<string[]>(c.args.channel_ids) ?? [];
    list.channel = channels[0];
    c.ctx.ws.emitChange({ type: "list", list });
    return ok();
  },
  "slackLists.items.create": (c) => {
    const no = refused(c, "lists:write");
    if (no) return no;
    const list = listOf(c);
    if (!list) return fail("list_not_found");
    const item: SlackListItem = { id: c.ctx.ws.nextId("Rec"), fields: {}, updatedBy: "UBOT" };
    const error = setCells(list, item, json<Cell[]>(c.args.initial_fields) ?? []);
    if (error) return fail(error);
    list.items.push(item);
    c.ctx.ws.emitChange({ type: "list", list });
    return ok({ item: listedItem(list, item) });
  },
  "slackLists.items.update": (c) => {
    const no = refused(c, "lists:write");
    if (no) return no;
    const list = listOf(c);
    if (!list) return fail("list_not_found");
    const cells = json<Cell[]>(c.args.cells) ?? [];
    for (const cell of cells) {
      const item = list.items.find((i) => i.id === cell.row_id);
      if (!item) return fail("invalid_row_id");
      const error = setCells(list, item, [cell]);
      if (error) return fail(error);
      item.updatedBy = "UBOT";
    }
    c.ctx.ws.emitChange({ type: "list", list });
    return ok();
  },
  "slackLists.items.list": (c) => {
    const no = refused(c, "lists:read");
    if (no) return no;
    const list = listOf(c);
    if (!list) return fail("list_not_found");
    const limit = Math.min(1000, Number(c.args.limit ?? 100) || 100);
    const from = Number(str(c.args.cursor) ?? 0) || 0;
    const page = list.items.slice(from, from + limit);
    const next = from + limit < list.items.length ? String(from + limit) : "";
    return ok({ items: page.map((i) => listedItem(list, i)), response_metadata: { next_cursor: next } });
  },
};

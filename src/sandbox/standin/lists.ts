// Slack Lists as the stand-in keeps them (web-api-lists.ts answers the methods), and a person
// ticking one in Slack, which the bot only learns of by reading the List back.
/** A Slack List: its columns (Slack's ids by the maker's keys) and items, cells by column id. */
export interface SlackListItem {
  id: string;
  fields: Record<string, unknown>;
  /** Who changed it last: the bot, or a person ticking it in Slack. */
  updatedBy: string;
}
export interface SlackList {
  id: string;
  name: string;
  /** The channel it is shared with (slackLists.access.set). */
  channel?: string;
  columns: { id: string; key: string; name: string; type: string }[];
  items: SlackListItem[];
}

/** A person ticks or unticks a List's checkbox cell in Slack. */
export function tickListItem(
  ws: { lists: Map<string, SlackList>; emitChange(e: { type: "list"; list: SlackList }): void },
  o: { listId: string; itemId: string; column: string; checked: boolean; by: string },
): boolean {
  const list = ws.lists.get(o.listId);
  const item = list?.items.find((i) => i.id === o.itemId);
  const col = list?.columns.find((c) => c.key === o.column);
  if (!list || !item || !col) return false;
  item.fields[col.id] = o.checked;
  item.updatedBy = o.by;
  ws.emitChange({ type: "list", list });
  return true;
}

// A list the bot keeps as a Slack List (a promotion's checklist), queued like a message (kind
// "list"): the whole list as it should be, each time it changes. The sender makes the List the
// first time and then writes only the rows whose cells differ from what it last wrote or read;
// a row ticked in Slack is read back (capability/list-poll.ts) and reaches the bot's own list.
export type ListColumnType = "text" | "user" | "date" | "checkbox";

export interface ListColumn {
  key: string;
  name: string;
  type: ListColumnType;
  /** The List's primary column (a text column; exactly one). */
  primary?: boolean;
}

/** A cell: text, a user id, a YYYY-MM-DD date, a checkbox; null for empty. */
export type ListCell = string | boolean | null;

export interface ListDocument {
  /** The bot's name for the list: one Slack List per key. */
  key: string;
  name: string;
  columns: ListColumn[];
  /** The checkbox column whose changes in Slack are read back. */
  toggle: string;
  rows: { key: string; cells: Record<string, ListCell> }[];
  /** Added to the channel's message (if any) when the List was made. */
  made: string;
}

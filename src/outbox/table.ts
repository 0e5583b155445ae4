// Reports as Slack's table block. Slack takes a table only in a message's `attachments` (one
// attachment holding the table block), beside the message's own `text` or `blocks`; the text
// stays the whole report for notifications, search and clients that draw no tables. A table has
// at most 100 rows of at most 20 cells: longer reports keep their first 99 rows and say how many
// more the text holds.
import type { TableBlock } from "@slack/types";
import type { MessageBody } from "./message.ts";

export const MAX_ROWS = 100;
export const MAX_CELLS = 20;

export type Align = "left" | "center" | "right";

/** A cell: text as written (no mrkdwn in a table), or a channel drawn as Slack links it. */
export type Cell = string | { channel: string };

export interface Table {
  header: string[];
  rows: Cell[][];
  /** Per column; numbers read best right-aligned. */
  align?: Align[];
  /** The last row when rows were left out ("… 12 more"), in the reader's language. */
  more?: (n: number) => string;
}

export function tableBlock(t: Table): TableBlock {
  const width = Math.min(MAX_CELLS, t.header.length);
  const cell = (c: Cell) =>
    typeof c === "string"
      ? { type: "raw_text" as const, text: c === "" ? " " : c }
      : {
          type: "rich_text" as const,
          elements: [
            { type: "rich_text_section" as const, elements: [{ type: "channel" as const, channel_id: c.channel }] },
          ],
        };
  const room = MAX_ROWS - 1;
  const rows =
    t.rows.length > room
      ? [...t.rows.slice(0, room - 1), [t.more?.(t.rows.length - (room - 1)) ?? "…", ...Array(width - 1).fill("")]]
      : t.rows;
  return {
    type: "table",
    rows: [t.header, ...rows].map((r) => r.slice(0, width).map(cell)),
    ...(t.align ? { column_settings: t.align.slice(0, width).map((align) => ({ align })) } : {}),
  };
}

/** Lines of mrkdwn as section blocks, each within Slack's 3,000 characters. */
function sections(lines: string[]) {
  const out: string[] = [];
  for (const line of lines.filter(Boolean)) {
    const last = out.at(-1);
    if (last !== undefined && last.length + line.length + 1 <= 3000) out[out.length - 1] = `${last}\n${line}`;
    else out.push(line.slice(0, 3000));
  }
  return out.map((text) => ({ type: "section" as const, text: { type: "mrkdwn" as const, text } }));
}

/**
 * The message with its table as its attachment. `shown` are the lines shown above the table
 * (what the table doesn't say); the text stays the whole report, which Slack then uses only for
 * notifications and clients that draw no blocks, so nothing is shown twice.
 */
export function withTable(body: MessageBody, t: Table, shown: string[]): MessageBody {
  return { ...body, blocks: sections(shown), attachments: [{ blocks: [tableBlock(t)] }] };
}

// A document the bot keeps as a Slack canvas in a channel (a promotion's retrospective, a
// runbook). It is queued like a message (kind "canvas"): the sender creates the canvas the first
// time and later edits only the bot's own parts, so what the team writes elsewhere in it stays.
//
// A canvas is written in Slack's canvas markdown. A part the bot owns is a heading and one table
// whose first heading cell carries the part's tag (a word no one else writes there): the sender
// finds that table by its tag and replaces it. Parts without a tag are written once, when the
// canvas is made, and are the team's from then on.

/** A table's heading cells and rows (a channel cell drawn as the canvas mentions one). */
interface Grid {
  header: string[];
  rows: readonly (string | { channel: string })[][];
}

export interface CanvasPart {
  /** Set for the bot's own parts: the text its table's first cell starts with. */
  tag?: string;
  /** A heading written above the part (`## …`); the bot replaces only what is under it. */
  heading?: string;
  markdown: string;
}

export interface CanvasDocument {
  /** The bot's name for the document: one canvas per key. */
  key: string;
  title: string;
  parts: CanvasPart[];
  /** The line added to the channel's message (if it has one) when the canvas was made or brought up to date. */
  made: string;
  updated: string;
}

/** Canvas markdown reads `|`, `#`, `*`, `_`, `~`, `` ` ``, `>` and brackets as syntax: text is text. */
export function canvasText(s: string): string {
  return s
    .replace(/\r?\n/g, " ")
    .replace(/([\\`*_~|[\]<>#])/g, "\\$1")
    .trim();
}

/** A person as a canvas mentions them; a name typed as text stays text. */
export const canvasWho = (owner: string): string =>
  /^[UW][A-Z0-9]+$/.test(owner) ? `![](@${owner})` : canvasText(owner);

/** A table in canvas markdown; cells are text unless `raw` (already canvas markdown). */
export function canvasTable(t: Grid, raw: number[] = []): string {
  const cell = (c: unknown, i: number) =>
    typeof c === "string"
      ? raw.includes(i)
        ? c
        : canvasText(c) || " "
      : `![](#${(c as { channel: string }).channel})`;
  const row = (r: readonly unknown[]) => `| ${r.map(cell).join(" | ")} |`;
  return [row(t.header), `|${t.header.map(() => " --- ").join("|")}|`, ...t.rows.map(row)].join("\n");
}

/**
 * A part the bot owns: a heading and a table whose first heading cell is the tag (an emoji and a
 * word, "📊 指标"), which the sender looks the table up by.
 */
export function ownedPart(tag: string, heading: string, t: Grid, raw: number[] = []): CanvasPart {
  const markdown = canvasTable({ header: [tag, ...t.header.slice(1)], rows: t.rows }, raw);
  return { tag, heading: `## ${canvasText(heading)}`, markdown };
}

/** A part as written whole: its heading, then its content. */
export const partMarkdown = (p: CanvasPart): string => (p.heading ? `${p.heading}\n\n${p.markdown}` : p.markdown);

/** The whole document as it is first written. */
export function canvasMarkdown(doc: Pick<CanvasDocument, "parts">): string {
  return doc.parts.map(partMarkdown).join("\n\n");
}

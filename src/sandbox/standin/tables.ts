// Slack's documented limits of the table block, checked as Slack checks a message: at most 100
// rows of at most 20 cells, cells of raw_text, raw_number or rich_text, at most 20 column
// settings. A table breaking them is refused with invalid_blocks, like any malformed block.
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CELL_TYPES = new Set(["raw_text", "raw_number", "rich_text"]);

function tableProblem(b: Json): boolean {
  const rows = b.rows;
  if (!Array.isArray(rows) || rows.length === 0 || rows.length > 100) return true;
  if (rows.some((r) => !Array.isArray(r) || r.length === 0 || r.length > 20)) return true;
  if (rows.some((r: Json[]) => r.some((c) => !c || !CELL_TYPES.has(c.type)))) return true;
  return Array.isArray(b.column_settings) && b.column_settings.length > 20;
}

/** "invalid_blocks" when a table in the message's blocks or attachments breaks Slack's limits. */
export function invalidTables(blocks: unknown, attachments: unknown): string | undefined {
  const all = [
    ...(Array.isArray(blocks) ? blocks : []),
    ...(Array.isArray(attachments) ? attachments.flatMap((a: Json) => (Array.isArray(a?.blocks) ? a.blocks : [])) : []),
  ] as Json[];
  return all.some((b) => b?.type === "table" && tableProblem(b)) ? "invalid_blocks" : undefined;
}

/**
 * An image block showing a file (slack_file) Slack doesn't know: invalid_blocks, with the pointer
 * Slack names ("invalid slack file [json-pointer:/blocks/3/slack_file]").
 */
export function invalidFile(blocks: unknown, known: (id: string) => boolean): string[] | undefined {
  const all = (Array.isArray(blocks) ? blocks : []) as Json[];
  const at = all.findIndex((b) => b?.type === "image" && b.slack_file && !known(String(b.slack_file.id ?? "")));
  return at < 0 ? undefined : [`invalid slack file [json-pointer:/blocks/${at}/slack_file]`];
}

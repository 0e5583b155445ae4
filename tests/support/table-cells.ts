// The table block a report carries in its message's attachment (where Slack takes tables), read
// back as its type and its cells' text, row by row.
interface Attachment {
  blocks?: { type?: string; rows?: { text?: string }[][] }[];
}

export function firstTable(attachments: unknown): { type: string | undefined; cells: string[][] } {
  const block = (attachments as Attachment[] | undefined)?.[0]?.blocks?.[0];
  return { type: block?.type, cells: (block?.rows ?? []).map((r) => r.map((c) => String(c.text))) };
}

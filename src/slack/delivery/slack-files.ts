// A message whose image blocks show files the bot uploaded through the outbox (an upload-only
// "file" row, named by fileRef): each is given the id Slack gave that file before the message is
// sent. A picture whose upload failed, or isn't done yet, is left out rather than holding the
// message back. Slack may
// refuse a file it is still processing (invalid_blocks, "invalid slack file"): the message then
// goes without its pictures, and the next redraw brings the next one.
import type { Sql } from "../../infra/db/sql.ts";
import type { SlackApi, SlackResult } from "../../deps.ts";
import type { MessageBody } from "../../outbox/message.ts";
import { SlackCallError } from "../api.ts";

type Block = { type?: string; slack_file?: { id?: string } };
const REF = /^outbox:(.+)$/;
const refOf = (b: Block) => (b.type === "image" ? REF.exec(b.slack_file?.id ?? "")?.[1] : undefined);
const hasPictures = (body: MessageBody) => (body.blocks as Block[] | undefined)?.some((b) => b.slack_file) ?? false;

async function resolved(sql: Sql, body: MessageBody): Promise<MessageBody> {
  const blocks = body.blocks as Block[] | undefined;
  if (!blocks?.some(refOf)) return body;
  const out: Block[] = [];
  for (const b of blocks) {
    const id = refOf(b);
    if (!id) {
      out.push(b);
      continue;
    }
    const r = await sql.get<{ status: string; ts: string | null }>(
      `SELECT "status", "ts" FROM "OutboxMessage" WHERE "id" = ?`,
      [id],
    );
    // Queued first in the same lane, so normally sent already. An edit put aside while its
    // channel was in a burst travels in a lane of its own: it goes without the picture rather
    // than wait, and the next redraw brings one.
    if (r?.status === "sent" && r.ts) out.push({ ...b, slack_file: { id: r.ts } });
  }
  return { ...body, blocks: out as MessageBody["blocks"] };
}

const withoutPictures = (body: MessageBody): MessageBody => ({
  ...body,
  blocks: (body.blocks as Block[]).filter((b) => !b.slack_file) as MessageBody["blocks"],
});

export async function callWithFiles(
  sql: Sql,
  api: SlackApi,
  method: string,
  body: MessageBody,
  args: Record<string, unknown>,
): Promise<SlackResult> {
  const content = await resolved(sql, body);
  try {
    return await api.call(method, { ...content, ...args });
  } catch (e) {
    const refused =
      e instanceof SlackCallError && e.failure.type === "permanent" && e.failure.reason === "invalid_blocks";
    if (!refused || !hasPictures(content)) throw e;
    return api.call(method, { ...withoutPictures(content), ...args });
  }
}

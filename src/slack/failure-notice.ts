// When Slack refuses a message for good (the bot isn't in the channel, the channel is gone…),
// the person whose action queued it hears why and what to do, in their language. Replies to that
// person themselves (their DM, ephemeral answers) are not followed up: they would fail the same way.
import { jsonOf } from "../infra/db/stored.ts";
import type { Deps } from "../deps.ts";
import type { MessageKey } from "../infra/i18n.ts";
import { userContext } from "./user-context.ts";

interface FailedRow {
  id: string;
  kind: string;
  channel: string | null;
  body: unknown;
  actorId: string | null;
}

const FIX: Record<string, MessageKey> = {
  not_in_channel: "outbox.fix.invite",
  channel_not_found: "outbox.fix.invite",
  is_archived: "outbox.fix.archived",
  restricted_action: "outbox.fix.restricted",
  cant_update_message: "outbox.fix.other",
};

export async function tellActorOfFailure(deps: Deps, row: FailedRow, reason: string): Promise<void> {
  if (!row.actorId || row.kind === "respond" || row.kind === "ephemeral") return;
  if (row.channel === row.actorId) return;
  const user = await userContext(deps, row.actorId);
  let preview = "";
  try {
    preview = String((jsonOf(row.body) as { text?: unknown }).text ?? "")
      .split("\n")[0]!
      .replace(/[*_~`]/g, "")
      .slice(0, 80);
  } catch {
    // An unreadable body still gets a notice, without its first line.
  }
  const text = user.t("outbox.failed", {
    channel: row.channel ?? "",
    reason,
    preview,
    fix: user.t(FIX[reason] ?? "outbox.fix.other"),
  });
  await deps.outbox.enqueue(deps.db, {
    kind: "post",
    channel: row.actorId,
    body: { text },
    dedupeKey: `failed:${row.id}`,
  });
}

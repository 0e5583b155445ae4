// The messages a new one depends on (what it edits, links to or replies under), and what an edit
// does to messages not sent yet: it changes them in place, and supersedes older queued edits.
import type { Exec } from "../infra/db/prisma-exec.ts";
import { marks } from "../infra/db/sql.ts";
import type { OutgoingMessage } from "./message.ts";

export interface Target {
  id: string;
  lane: string;
  priority: number;
  status: string;
  claimed: boolean;
}

/** The earlier messages these ones depend on: what they edit, link to or reply under. */
export async function targetsOf(x: Exec, msgs: readonly OutgoingMessage[]): Promise<Map<string, Target>> {
  const ids = [...new Set(msgs.flatMap((m) => dependsOn(m) ?? []))];
  if (!ids.length) return new Map();
  const rows = await x.all<{ id: string; lane: string; priority: unknown; status: string; claimToken: string | null }>(
    `SELECT "id", "lane", "priority", "status", "claimToken" FROM "OutboxMessage" WHERE "id" IN (${marks(ids.length)})`,
    ids,
  );
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, lane: r.lane, priority: Number(r.priority), status: r.status, claimed: r.claimToken !== null },
    ]),
  );
}

// An edit goes in the lane of the message it edits; a step completion that links to a message
// goes in that message's lane, right behind it, so the link exists when it is sent; a reply waits
// for its thread's parent.
export const dependsOn = (m: OutgoingMessage): string | undefined =>
  m.kind === "update"
    ? m.targetId
    : m.kind === "complete"
      ? Object.values(m.step.links ?? {})[0]
      : m.kind === "post"
        ? m.threadOfId
        : undefined;

/**
 * An edit of a message that hasn't gone yet (queued and not being sent, or folded into a
 * roll-up) changes that message instead of queueing a second call: only the latest state is sent.
 */
export async function mergeIntoTarget(x: Exec, edit: OutgoingMessage & { kind: "update" }): Promise<boolean> {
  // A row the sender is folding right now is left alone (never waited for): the edit is then
  // queued, and merged when it reaches the folded message.
  const skip = x.dialect === "postgres" ? " FOR UPDATE SKIP LOCKED" : "";
  const [row] = await x.all<{ body: unknown }>(`SELECT "body" FROM "OutboxMessage" WHERE "id" = ?${skip}`, [
    edit.targetId,
  ]);
  if (!row) return false;
  const before = (typeof row.body === "string" ? JSON.parse(row.body) : row.body) as Record<string, unknown>;
  const n = await x.run(
    `UPDATE "OutboxMessage" SET "body" = ? WHERE "id" = ?
       AND (("status" = 'pending' AND "claimToken" IS NULL) OR "status" = 'folded')`,
    [JSON.stringify({ ...before, ...edit.body }), edit.targetId],
  );
  return n === 1;
}

/** Older queued edits of these messages are superseded by the ones being queued now. */
export async function supersedeEdits(x: Exec, targets: string[]): Promise<void> {
  if (!targets.length) return;
  // Rows being folded at this moment are skipped, not waited for: the newer edit supersedes them
  // when it is sent.
  const skip = x.dialect === "postgres" ? " FOR UPDATE SKIP LOCKED" : "";
  const gone = await x.all<{ lane: string }>(
    `UPDATE "OutboxMessage" SET "status" = 'superseded' WHERE "id" IN (SELECT "id" FROM "OutboxMessage"
       WHERE "targetId" IN (${marks(targets.length)}) AND "kind" = 'update' AND "status" = 'pending' AND "claimToken" IS NULL${skip})
     RETURNING "lane"`,
    targets,
  );
  const byLane = new Map<string, number>();
  for (const g of gone) byLane.set(g.lane, (byLane.get(g.lane) ?? 0) + 1);
  for (const [lane, n] of [...byLane].sort(([a], [b]) => (a < b ? -1 : 1))) {
    await x.run(`UPDATE "OutboxLane" SET "pending" = "pending" - ? WHERE "lane" = ?`, [n, lane]);
  }
}

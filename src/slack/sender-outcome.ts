// What a send's outcome writes: the row's new state and what its lane may do next. Called for
// each outcome of a group commit (sender.ts), inside its transaction; false when the claim had
// expired and another sender owns the message now.
import { spelling, type Sql } from "../infra/db/sql.ts";
import { isUnpacedLane } from "../outbox/message.ts";
import type { CallFailure } from "./api.ts";
import type { OutboxRow } from "./outbox-row.ts";
import { jsonOf } from "../infra/db/stored.ts";

export type Result =
  | { kind: "sent"; ts: string | null; channel: string | null }
  | { kind: "superseded" }
  | { kind: "folded"; rollupId: string }
  | { kind: "failed"; reason: string }
  | { kind: "retry"; failure: CallFailure };

/** A file only uploaded (for a message to show): it posts nothing, so it doesn't pace its channel. */
function isUploadOnly(row: OutboxRow): boolean {
  if (row.kind !== "file") return false;
  try {
    return (jsonOf(row.body) as { file?: { share?: boolean } }).file?.share === false;
  } catch {
    return false;
  }
}

export async function writeOutcome(
  q: Sql,
  me: { token: string; now: Date; paceMs: number },
  row: OutboxRow,
  method: string,
  r: Result,
): Promise<boolean> {
  const now = me.now;
  // A call to Slack paces the lane; an outcome that made none (superseded, folded) doesn't, and
  // leaves the pace of the lane's last call in force.
  const called = r.kind !== "superseded" && r.kind !== "folded";
  const pace = isUnpacedLane(row.lane) || row.kind === "complete" || !called || isUploadOnly(row) ? 0 : me.paceMs;
  const own = `"id" = ? AND "claimToken" = ? AND "status" = 'pending'`;
  if (r.kind === "retry") {
    const ratelimited = r.failure.type === "ratelimited";
    const wait = ratelimited
      ? (r.failure as { retryAfterMs: number }).retryAfterMs
      : Math.min(300_000, 1000 * 2 ** Math.min(row.attempts - 1, 9)) * (0.75 + Math.random() * 0.5);
    const until = new Date(now.getTime() + wait);
    const n = await q.run(
      `UPDATE "OutboxMessage" SET "leaseUntil" = NULL, "claimToken" = NULL, "nextAttemptAt" = ?, "lastError" = ?, "attempts" = "attempts" - ? WHERE ${own}`,
      [until, "reason" in r.failure ? r.failure.reason : "ratelimited", ratelimited ? 1 : 0, row.id, me.token],
    );
    if (n !== 1) return false;
    if (ratelimited) {
      // A 429 pauses the whole method, as Slack asks, on every replica.
      await q.run(
        `INSERT INTO "SlackPause" ("method", "until") VALUES (?, ?) ON CONFLICT ("method") DO UPDATE SET "until" = excluded."until"`,
        [method, until],
      );
    }
    // The lane waits with its head: the messages behind it keep their order.
    await q.run(`UPDATE "OutboxLane" SET "nextAt" = ?, "claimToken" = NULL WHERE "lane" = ?`, [until, row.lane]);
    return true;
  }
  const [status, ts, channel, error] =
    r.kind === "sent"
      ? ["sent", r.ts, r.channel, null]
      : r.kind === "superseded" || r.kind === "folded"
        ? [r.kind, null, null, null]
        : ["failed", null, null, r.reason];
  const n = await q.run(
    `UPDATE "OutboxMessage" SET "status" = ?, "ts" = ?, "sentChannel" = ?, "sentAt" = ?, "lastError" = ?, "leaseUntil" = NULL,
       "rollupId" = COALESCE(?, "rollupId") WHERE ${own}`,
    [
      status,
      ts,
      channel,
      r.kind === "sent" ? now : null,
      error,
      r.kind === "folded" ? r.rollupId : null,
      row.id,
      me.token,
    ],
  );
  if (n !== 1) return false;
  // An emptied lane rests, and its priority goes back to news.
  const { greatest: most, stamp: at } = spelling(q.dialect);
  const next = called ? at : `${most}(${at}, COALESCE("pacedUntil", ${at}))`;
  await q.run(
    `UPDATE "OutboxLane" SET "pending" = "pending" - 1, "claimToken" = NULL,
       "nextAt" = CASE WHEN "pending" > 1 THEN ${next} ELSE NULL END,
       "pacedUntil" = ${called ? at : `"pacedUntil"`},
       "priority" = CASE WHEN "pending" > 1 THEN "priority" ELSE 2 END WHERE "lane" = ?`,
    called ? [new Date(now.getTime() + pace), new Date(now.getTime() + pace), row.lane] : [now, now, row.lane],
  );
  return true;
}

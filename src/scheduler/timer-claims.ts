// The runner's statements on the Timer table: claiming due work (one UPDATE … RETURNING per kind
// of claim, SKIP LOCKED on PostgreSQL so replicas never take the same row), and recording how a
// claim ended, each checked against the claim token so an expired claim can't finish anything.
import { marks, toDate, toNum, type Sql } from "../infra/db/sql.ts";
import type { TimerJob } from "./types.ts";

export interface Claimed extends TimerJob {
  version: number;
}

const SET = `SET "status" = 'running', "version" = "version" + 1, "attempts" = "attempts" + 1, "leaseUntil" = ?, "claimToken" = ?`;
const BACK = `RETURNING "id", "kind", "key", "payload", "dueAt", "attempts", "version"`;

/** Up to `limit` timers: leases that ran out first (not `notMine`), then the most overdue pending ones. */
export async function claimTimers(
  sql: Sql,
  o: { now: Date; leaseMs: number; token: string; limit: number; notMine: string[] },
): Promise<Claimed[]> {
  const lease = new Date(o.now.getTime() + o.leaseMs);
  const skip = sql.dialect === "postgres" ? " FOR UPDATE SKIP LOCKED" : "";
  const notMine = o.notMine.length ? ` AND "id" NOT IN (${marks(o.notMine.length)})` : "";
  const rows = await sql.tx(async (q) => {
    const expired = await q.all<Record<string, unknown>>(
      `UPDATE "Timer" ${SET} WHERE "id" IN (SELECT "id" FROM "Timer" WHERE "status" = 'running' AND "leaseUntil" < ?${notMine} ORDER BY "leaseUntil" LIMIT ?${skip}) ${BACK}`,
      [lease, o.token, o.now, ...o.notMine, o.limit],
    );
    const room = o.limit - expired.length;
    const due =
      room > 0
        ? await q.all<Record<string, unknown>>(
            `UPDATE "Timer" ${SET} WHERE "id" IN (SELECT "id" FROM "Timer" WHERE "status" = 'pending' AND "dueAt" <= ? ORDER BY "dueAt" LIMIT ?${skip}) ${BACK}`,
            [lease, o.token, o.now, room],
          )
        : [];
    return [...expired, ...due];
  });
  return rows
    .map((r) => ({
      id: String(r.id),
      kind: String(r.kind),
      key: String(r.key),
      payload: safeParse(r.payload),
      dueAt: toDate(r.dueAt),
      attempts: toNum(r.attempts),
      version: toNum(r.version),
    }))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** Marks the jobs done where this claim still holds them; returns those ids. */
export async function completeTimers(
  q: Pick<Sql, "all">,
  now: Date,
  token: string,
  jobs: readonly { id: string }[],
): Promise<Set<string>> {
  const rows = await q.all<{ id: string }>(
    `UPDATE "Timer" SET "status" = 'done', "finishedAt" = ?, "leaseUntil" = NULL, "lastError" = NULL
     WHERE "claimToken" = ? AND "status" = 'running' AND "id" IN (${marks(jobs.length)}) RETURNING "id"`,
    [now, token, ...jobs.map((j) => j.id)],
  );
  return new Set(rows.map((r) => r.id));
}

/** A job that has used its attempts: failed for good. Returns 1 when this claim still held it. */
export function failTimer(q: Pick<Sql, "run">, id: string, token: string, message: string, now: Date): Promise<number> {
  return q.run(
    `UPDATE "Timer" SET "status" = 'failed', "lastError" = ?, "finishedAt" = ?, "leaseUntil" = NULL WHERE "id" = ? AND "claimToken" = ? AND "status" = 'running'`,
    [message, now, id, token],
  );
}

/** Jobs with no handler: failed at once. */
export async function failTimers(
  q: Pick<Sql, "run">,
  ids: readonly string[],
  token: string,
  message: string,
  now: Date,
): Promise<void> {
  await q.run(
    `UPDATE "Timer" SET "status" = 'failed', "lastError" = ?, "finishedAt" = ?, "leaseUntil" = NULL WHERE "claimToken" = ? AND "id" IN (${marks(ids.length)})`,
    [message, now, token, ...ids],
  );
}

/** A failed attempt with attempts left: pending again at `dueAt` (the backoff). */
export async function retryTimer(
  q: Pick<Sql, "run">,
  id: string,
  token: string,
  message: string,
  dueAt: Date,
): Promise<void> {
  await q.run(
    `UPDATE "Timer" SET "status" = 'pending', "lastError" = ?, "dueAt" = ?, "leaseUntil" = NULL WHERE "id" = ? AND "claimToken" = ? AND "status" = 'running'`,
    [message, dueAt, id, token],
  );
}

/** A payload as plain SQL returns it: text on SQLite, already parsed (jsonb) on PostgreSQL. */
function safeParse(raw: unknown): unknown {
  if (typeof raw !== "string") return raw ?? {};
  try {
    return JSON.parse(raw);
  } catch {
    return {};
  }
}

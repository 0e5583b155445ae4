// Writing timers: features call these (often inside their own transaction) to plan work. Each
// timer names its owner ("complaint:<id>", "promo:<id>"), so everything of a case or a campaign
// is cancelled with one indexed statement, however many timers are pending elsewhere.
import type { Clock } from "../infra/clock.ts";
import type { Db } from "../infra/db/db.ts";
import { newId } from "../infra/db/ids.ts";
import { valueRows, type Param } from "../infra/db/sql.ts";
import { dialectOfClient, prismaExec, type Exec } from "../infra/db/prisma-exec.ts";

export interface NewTimer {
  kind: string;
  /** Unique: scheduling the same key twice keeps the first timer (a cancelled one is re-armed). */
  key: string;
  dueAt: Date;
  payload?: unknown;
  /** What it belongs to; by default the key's first two parts ("complaint:<id>"). */
  owner?: string;
}

export const ownerOf = (t: Pick<NewTimer, "key" | "owner">): string =>
  t.owner ?? t.key.split(":").slice(0, 2).join(":");

const COLUMNS = `"id", "kind", "key", "ownerId", "payload", "dueAt", "status", "version", "attempts", "createdAt"`;

/** Plans timers with one statement. A key already pending, running or done is left as it is. */
export async function scheduleTimers(x: Exec, clock: Clock, timers: readonly NewTimer[]): Promise<void> {
  if (!timers.length) return;
  const now = clock.now();
  // Keys in one order everywhere, so that two transactions arming the same timers can't deadlock.
  const sorted = [...timers].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const values: Param[] = sorted.flatMap((t) => [
    newId(),
    t.kind,
    t.key,
    ownerOf(t),
    JSON.stringify(t.payload ?? {}),
    t.dueAt,
    "pending",
    0,
    0,
    now,
  ]);
  await x.run(
    `INSERT INTO "Timer" (${COLUMNS}) VALUES ${valueRows(timers.length, 10)}
     ON CONFLICT ("key") DO UPDATE SET "status" = 'pending', "dueAt" = excluded."dueAt", "payload" = excluded."payload",
       "attempts" = 0, "finishedAt" = NULL, "version" = "Timer"."version" + 1
     WHERE "Timer"."status" = 'cancelled'`,
    values,
  );
}

export async function scheduleTimer(db: Db | Exec, clock: Clock, t: NewTimer): Promise<void> {
  await scheduleTimers(asExec(db), clock, [t]);
}

/** Moves a pending timer; a timer already running or done is left alone. */
export async function rescheduleTimer(db: Db | Exec, key: string, dueAt: Date): Promise<boolean> {
  const n = await asExec(db).run(
    `UPDATE "Timer" SET "dueAt" = ?, "version" = "version" + 1 WHERE "key" = ? AND "status" = 'pending'`,
    [dueAt, key],
  );
  return n === 1;
}

/** Cancels the pending timers of an owner (and, given a key prefix, only those keys). */
export async function cancelTimers(db: Db | Exec, clock: Clock, owner: string, keyPrefix?: string): Promise<number> {
  const x = asExec(db);
  const like = keyPrefix ? ` AND "key" LIKE ?` : "";
  const params: Param[] = [clock.now(), owner, ...(keyPrefix ? [`${keyPrefix.replace(/[%_\\]/g, "\\$&")}%`] : [])];
  return x.run(
    `UPDATE "Timer" SET "status" = 'cancelled', "finishedAt" = ?, "version" = "version" + 1 WHERE "ownerId" = ? AND "status" = 'pending'${like}${keyPrefix ? ` ESCAPE '\\'` : ""}`,
    params,
  );
}

/** Pending or running timers of an owner (for auditors that re-plan what should exist). */
export async function countTimers(db: Db | Exec, owner: string): Promise<number> {
  const r = await asExec(db).all<{ n: unknown }>(
    `SELECT COUNT(*) AS "n" FROM "Timer" WHERE "ownerId" = ? AND "status" IN ('pending', 'running')`,
    [owner],
  );
  return Number(r[0]?.n ?? 0);
}

function asExec(db: Db | Exec): Exec {
  return "dialect" in db && typeof (db as Exec).run === "function"
    ? (db as Exec)
    : prismaExec(db as Db, dialectOfClient(db as Db));
}

/**
 * Snooze: a reminder timer again `ms` later, as a timer of its own (the original has run once),
 * for the feature whose keys start with `prefix`. Returns when it comes back, or undefined when
 * the key is not one of that feature's timers.
 */
export async function snoozeTimer(
  deps: { db: Db; clock: Clock; wakeScheduler(): void },
  key: string,
  prefix: string,
  ms: number,
): Promise<Date | undefined> {
  const timer = key.startsWith(prefix) ? await deps.db.timer.findUnique({ where: { key } }) : null;
  if (!timer) return undefined;
  const until = new Date(deps.clock.now().getTime() + ms);
  await scheduleTimer(deps.db, deps.clock, {
    kind: timer.kind,
    key: `${key.split(":snooze:")[0]}:snooze:${until.toISOString()}`,
    dueAt: until,
    payload: timer.payload,
  });
  deps.wakeScheduler();
  return until;
}

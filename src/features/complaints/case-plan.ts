// What a change to a case writes, as data: the case's new fields (applied only if the case is
// still as the plan saw it), its timers, its messages and its history. Planning is pure; one
// applier writes any number of plans with a handful of statements, so a burst of escalations
// costs a few milliseconds per hundred cases instead of a dozen ORM round trips each.
import type { Clock } from "../../infra/clock.ts";
import { newId } from "../../infra/ids.ts";
import { inSlices, marks, valueRows, type Param } from "../../infra/sql.ts";
import { scheduleTimers, type NewTimer } from "../../scheduler/timers.ts";
import { enqueueMany, type Exec, type OutgoingMessage } from "../../outbox/outbox.ts";
import { timerOwner } from "./case-clock.ts";

export interface CaseEvent {
  kind: string;
  actorId: string | null;
  detail?: object;
}

export interface CasePlan {
  caseId: string;
  /** The case must still have these values, or the plan is stale and writes nothing. */
  guard: { clockGen: number; breaches: number; statuses: readonly string[] };
  /** Columns to set. */
  set: Record<string, Param>;
  /** A change people can see (a new tier, a breach): the case's version moves on (default true). */
  bumpVersion?: boolean;
  /** Cancel the case's pending timers before planning new ones. */
  cancelTimers: boolean;
  timers: NewTimer[];
  /** Messages with their ids chosen up front, so one can name another (a card, its thread). */
  messages: { id: string; msg: OutgoingMessage }[];
  events: CaseEvent[];
}

/** A message with an id chosen now (for cardId, threadOfId). */
export const planned = (msg: OutgoingMessage): { id: string; msg: OutgoingMessage } => ({ id: newId(), msg });

/** Writes the plans; returns the ids of the cases whose guard held (the others wrote nothing). */
export async function applyCasePlans(x: Exec, clock: Clock, plans: readonly CasePlan[]): Promise<Set<string>> {
  const applied = new Set<string>();
  for (const p of plans) {
    const cols = Object.keys(p.set);
    const n = await x.run(
      `UPDATE "ComplaintCase" SET ${cols.map((c) => `"${c}" = ?`).join(", ")}${p.bumpVersion === false ? "" : `, "version" = "version" + 1`}
       WHERE "id" = ? AND "clockGen" = ? AND "breaches" = ? AND "status" IN (${marks(p.guard.statuses.length)})`,
      [...cols.map((c) => p.set[c]), p.caseId, p.guard.clockGen, p.guard.breaches, ...p.guard.statuses],
    );
    if (n === 1) applied.add(p.caseId);
  }
  const live = plans.filter((p) => applied.has(p.caseId));
  if (!live.length) return applied;
  const now = clock.now();
  const cancel = live.filter((p) => p.cancelTimers).map((p) => timerOwner(p.caseId));
  await inSlices(cancel, 500, (owners) =>
    x.run(`UPDATE "Timer" SET "status" = 'cancelled', "finishedAt" = ?, "version" = "version" + 1 WHERE "status" = 'pending' AND "ownerId" IN (${marks(owners.length)})`, [now, ...owners]).then(() => {}),
  );
  await inSlices(
    live.flatMap((p) => p.timers),
    1000,
    (timers) => scheduleTimers(x, clock, timers),
  );
  const messages = live.flatMap((p) => p.messages);
  await inSlices(messages, 500, (slice) => enqueueMany(x, clock, slice.map((m) => m.msg), slice.map((m) => m.id)).then(() => {}));
  const events = live.flatMap((p) => p.events.map((e) => [newId(), p.caseId, now, e.actorId, e.kind, JSON.stringify(e.detail ?? {})] as Param[]));
  await inSlices(events, 1000, (rows) => x.run(`INSERT INTO "ComplaintEvent" ("id", "caseId", "at", "actorId", "kind", "detail") VALUES ${valueRows(rows.length, 6)}`, rows.flat()).then(() => {}));
  return applied;
}

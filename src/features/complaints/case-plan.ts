// What a change to a case writes, as data: the case's new fields (applied only if the case is
// still as the plan saw it), its timers, its messages and its history. Planning is pure; one
// applier writes any number of plans with a handful of statements, so a burst of escalations
// costs a few milliseconds per hundred cases instead of a dozen ORM round trips each.
import type { Clock } from "../../infra/clock.ts";
import type { Translator } from "../../infra/i18n.ts";
import { newId } from "../../infra/db/ids.ts";
import { inSlices, marks, valueRows, type Param } from "../../infra/db/sql.ts";
import { scheduleTimers, type NewTimer } from "../../scheduler/timers.ts";
import { type OutgoingMessage } from "../../outbox/message.ts";
import { enqueueMany } from "../../outbox/outbox.ts";
import type { Exec } from "../../infra/db/prisma-exec.ts";
import { timerOwner } from "./case-clock.ts";

/** Who moved a case up a tier, and when its new clock starts. */
export interface EscalateBy {
  /** null when the clock escalated it. */
  actorId: string | null;
  reason?: string;
  /** When the new tier's clock starts: the breach time for automatic escalations. */
  startAt: Date;
}

/** How a case speaks: a channel's messages in that channel's language, the owner's DMs in theirs. */
export interface Voices {
  channel: (channelId: string) => Translator;
  owner: Translator;
  timeZone: string;
  now: Date;
}

export type PlannedMessage = { id: string; msg: OutgoingMessage };

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
  messages: PlannedMessage[];
  events: CaseEvent[];
}

/** A message with an id chosen now (for cardId, threadOfId). */
export const planned = (msg: OutgoingMessage): PlannedMessage => ({ id: newId(), msg });

/** Writes the plans; returns the ids of the cases whose guard held (the others wrote nothing). */
export async function applyCasePlans(x: Exec, clock: Clock, plans: readonly CasePlan[]): Promise<Set<string>> {
  const applied = new Set<string>();
  // Plans that set the same columns under the same guard are one UPDATE … FROM a VALUES list:
  // a burst of 100 escalations is one statement, not 100 round trips.
  const groups = new Map<string, CasePlan[]>();
  for (const p of plans) {
    const k = `${Object.keys(p.set).join(",")}|${p.bumpVersion !== false}|${p.guard.statuses.join(",")}`;
    groups.set(k, [...(groups.get(k) ?? []), p]);
  }
  for (const group of groups.values()) {
    await inSlices(group, 200, async (slice) => {
      for (const id of await updateCases(x, slice)) applied.add(id);
    });
  }
  const live = plans.filter((p) => applied.has(p.caseId));
  if (!live.length) return applied;
  const now = clock.now();
  const cancel = live.filter((p) => p.cancelTimers).map((p) => timerOwner(p.caseId));
  await inSlices(cancel, 500, (owners) =>
    x
      .run(
        `UPDATE "Timer" SET "status" = 'cancelled', "finishedAt" = ?, "version" = "version" + 1 WHERE "status" = 'pending' AND "ownerId" IN (${marks(owners.length)})`,
        [now, ...owners],
      )
      .then(() => {}),
  );
  await inSlices(
    live.flatMap((p) => p.timers),
    1000,
    (timers) => scheduleTimers(x, clock, timers),
  );
  const events = live.flatMap((p) =>
    p.events.map((e) => [newId(), p.caseId, now, e.actorId, e.kind, JSON.stringify(e.detail ?? {})] as Param[]),
  );
  await inSlices(events, 1000, (rows) =>
    x
      .run(
        `INSERT INTO "ComplaintEvent" ("id", "caseId", "at", "actorId", "kind", "detail") VALUES ${valueRows(rows.length, 6)}`,
        rows.flat(),
      )
      .then(() => {}),
  );
  // The messages last: queuing them locks their lanes (a tier channel's is shared by every
  // escalation and by the sender) until the commit, so the lock is held for as little as can be.
  const messages = live.flatMap((p) => p.messages);
  await inSlices(messages, 500, (slice) =>
    enqueueMany(
      x,
      clock,
      slice.map((m) => m.msg),
      slice.map((m) => m.id),
    ).then(() => {}),
  );
  return applied;
}

/** The PostgreSQL types of the columns plans set: a VALUES list's parameters arrive untyped. */
const CASE_TYPES: Record<string, string> = {
  id: "text",
  clockGen: "integer",
  breaches: "integer",
  tier: "integer",
  tierPeople: "text",
  escalations: "integer",
  remainingMs: "integer",
  cardId: "text",
  clockKind: "text",
  clockStartedAt: "timestamp(3)",
  deadlineAt: "timestamp(3)",
  pausedAt: "timestamp(3)",
};

/** One statement for plans with the same columns and guard; the ids of the cases it changed. */
async function updateCases(x: Exec, plans: readonly CasePlan[]): Promise<string[]> {
  const first = plans[0]!;
  const cols = Object.keys(first.set);
  const pg = x.dialect === "postgres";
  const missing = ["id", "clockGen", "breaches", ...cols].filter((c) => !CASE_TYPES[c]);
  if (pg && missing.length) throw new Error(`applyCasePlans: no PostgreSQL type for ${missing.join(", ")}`);
  // The guard's values get their own names: a plan may also set a guarded column (breaches).
  const names = ["g_id", "g_clockGen", "g_breaches", ...cols];
  const typeOf = (name: string) => CASE_TYPES[name.replace(/^g_/, "")]!;
  const v = (name: string) => (pg ? `CAST(v."${name}" AS ${typeOf(name)})` : `v."${name}"`);
  const rows = await x.all<{ id: string }>(
    `WITH v(${names.map((c) => `"${c}"`).join(", ")}) AS (VALUES ${valueRows(plans.length, names.length)})
     UPDATE "ComplaintCase" SET ${cols.map((c) => `"${c}" = ${v(c)}`).join(", ")}${first.bumpVersion === false ? "" : `, "version" = "ComplaintCase"."version" + 1`}
     FROM v WHERE "ComplaintCase"."id" = ${v("g_id")} AND "ComplaintCase"."clockGen" = ${v("g_clockGen")} AND "ComplaintCase"."breaches" = ${v("g_breaches")}
       AND "ComplaintCase"."status" IN (${marks(first.guard.statuses.length)})
     RETURNING "ComplaintCase"."id" AS "id"`,
    [
      ...plans.flatMap((p) => [p.caseId, p.guard.clockGen, p.guard.breaches, ...cols.map((c) => p.set[c] ?? null)]),
      ...first.guard.statuses,
    ],
  );
  return rows.map((r) => r.id);
}

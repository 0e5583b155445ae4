// Every message the bot sends is written here first; the sender (sender.ts) delivers it. A caller
// that writes a row inside its own transaction gets "state change and message" atomically.
//
// Messages go out in lanes: one lane per channel or DM (Slack allows about one message a second
// in each), per person's ephemeral replies in a channel, and per response_url. Within a lane a
// message never overtakes an earlier one, an edit never arrives before the post it edits, and a
// reply never before its thread's parent, because they share the parent's lane.
import type { Clock } from "../infra/clock.ts";
import type { Db } from "../infra/db/db.ts";
import { dialectOfClient, prismaExec, type Exec } from "../infra/db/prisma-exec.ts";
import { newId, nextSeq } from "../infra/db/ids.ts";
import { marks, spelling, valueRows, type Param } from "../infra/db/sql.ts";
import { laneOf, priorityOf, type OutgoingMessage } from "./message.ts";
import { dependsOn, mergeIntoTarget, supersedeEdits, targetsOf, type Target } from "./edits.ts";
import { inPersonsAction } from "../infra/request-context.ts";

export interface Outbox {
  enqueue(db: Db, msg: OutgoingMessage): Promise<{ id: string }>;
  /** Wake the sender now instead of at its next planned time. */
  kick(): void;
}

const COLUMNS = [
  "fromAction",
  "priority",
  "groupKey",
  "item",
  "id",
  "kind",
  "channel",
  "userId",
  "threadTs",
  "responseUrl",
  "targetId",
  "threadOfId",
  "body",
  "dedupeKey",
  "status",
  "attempts",
  "nextAttemptAt",
  "createdAt",
  "actorId",
  "lane",
  "seq",
];
const INSERT = `INSERT INTO "OutboxMessage" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES `;

function rowValues(id: string, msg: OutgoingMessage, lane: string, now: Date, priority: number): Param[] {
  return [
    inPersonsAction(),
    priority,
    msg.group?.key ?? null,
    msg.group ? JSON.stringify(msg.group.item) : null,
    id,
    msg.kind,
    "channel" in msg ? msg.channel : null,
    "userId" in msg ? msg.userId : null,
    "threadTs" in msg ? (msg.threadTs ?? null) : null,
    "responseUrl" in msg ? msg.responseUrl : null,
    "targetId" in msg ? msg.targetId : null,
    "threadOfId" in msg ? (msg.threadOfId ?? null) : null,
    JSON.stringify(
      msg.kind === "file"
        ? { ...msg.body, file: msg.file }
        : msg.kind === "complete"
          ? { ...msg.body, step: msg.step }
          : msg.kind === "canvas"
            ? { ...msg.body, canvas: msg.canvas }
            : msg.kind === "list"
              ? { ...msg.body, list: msg.list }
              : msg.body,
    ),
    msg.dedupeKey ?? null,
    "pending",
    0,
    now,
    now,
    msg.actorId ?? null,
    lane,
    BigInt(nextSeq()),
  ];
}

/**
 * One more message in each of these lanes; an idle lane becomes due now (or when Slack's pace
 * allows), a paced one keeps its time, and a lane takes the most urgent priority of what it holds.
 * A lane resting until its head's turn (a DM's page, twice a minute) is woken by a person's own
 * answer or anything more urgent than it holds, so that it is judged again with the new head;
 * never a lane a sender holds (its claim), and never before Slack's pace allows.
 */
async function countIntoLanes(x: Exec, counts: Map<string, { n: number; priority: number }>, now: Date) {
  // Lanes in one order everywhere: two transactions counting into the same lanes can't deadlock.
  const entries = [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (!entries.length) return;
  const { least, greatest: most } = spelling(x.dialect);
  // An idle lane is due now, unless Slack's pace after its last call says later.
  const due = `${most}(excluded."nextAt", COALESCE("OutboxLane"."pacedUntil", excluded."nextAt"))`;
  await x.run(
    `INSERT INTO "OutboxLane" ("lane", "nextAt", "pending", "priority") VALUES ${valueRows(entries.length, 4)}
     ON CONFLICT ("lane") DO UPDATE SET "pending" = "OutboxLane"."pending" + excluded."pending",
       "nextAt" = CASE WHEN "OutboxLane"."claimToken" IS NULL
           AND (excluded."priority" = 0 OR excluded."priority" < "OutboxLane"."priority")
         THEN ${least}(COALESCE("OutboxLane"."nextAt", excluded."nextAt"), ${due})
         ELSE COALESCE("OutboxLane"."nextAt", ${due}) END,
       "priority" = ${least}("OutboxLane"."priority", excluded."priority")`,
    entries.flatMap(([lane, c]) => [lane, now, c.n, c.priority]),
  );
}

/** Takes (or makes) the lanes' rows first, in lane order; an idle lane stays idle. */
async function lockLanes(x: Exec, lanes: string[]): Promise<void> {
  const sorted = [...new Set(lanes)].sort();
  await x.run(
    `INSERT INTO "OutboxLane" ("lane", "nextAt", "pending") VALUES ${valueRows(sorted.length, 3)}
     ON CONFLICT ("lane") DO UPDATE SET "pending" = "OutboxLane"."pending"`,
    sorted.flatMap((lane) => [lane, null, 0]),
  );
}

/** An `aside` edit of a message already shown: the "d:" lane of that message's lane. */
function asideLane(m: OutgoingMessage & { kind: "update" }, known: Map<string, Target>): string | undefined {
  const t = m.aside ? known.get(m.targetId) : undefined;
  return t?.status === "sent" ? `d:${t.lane}` : undefined;
}

/** Where each message goes and how urgent it is: never before what it depends on. */
function place(all: readonly OutgoingMessage[], allIds: string[], known: Map<string, Target>) {
  const placed = new Map<string, { lane: string; priority: number }>();
  for (const t of known.values()) placed.set(t.id, { lane: t.lane, priority: t.priority });
  const lanes: string[] = [];
  const priorities: number[] = [];
  all.forEach((m, i) => {
    const on = dependsOn(m);
    const target = on ? placed.get(on) : undefined;
    const lane =
      m.kind === "update"
        ? (asideLane(m, known) ?? target?.lane ?? `u:${m.targetId}`)
        : m.kind === "complete" && target
          ? target.lane
          : laneOf(m as Exclude<OutgoingMessage, { kind: "update" }>);
    const sameLane = target && target.lane === lane;
    const priority = Math.max(priorityOf(m), sameLane ? target.priority : 0);
    placed.set(allIds[i]!, { lane, priority });
    lanes.push(lane);
    priorities.push(priority);
  });
  return { lanes, priorities };
}

/**
 * Queues messages in one go: one INSERT for the messages, one for their lanes. Edits take the
 * lane of the message they edit (looked up, or found earlier in the same batch) and replace any
 * edit of it still queued; an edit of a message not sent yet becomes that message's content. A
 * message never goes before what it depends on: it takes at least that one's priority. A
 * message whose dedupe key was queued before is not queued again; its first row's id is returned.
 */
export async function enqueueMany(
  x: Exec,
  clock: Pick<Clock, "now">,
  all: readonly OutgoingMessage[],
  allIds: string[] = all.map(() => newId()),
): Promise<{ id: string }[]> {
  if (!all.length) return [];
  const now = clock.now();
  const known = await targetsOf(x, all);
  const result = allIds.map((id) => ({ id }));
  const { lanes: allLanes, priorities: allPriorities } = place(all, allIds, known);
  // Lanes are locked before any message row, in one order, as the sender's claim locks them:
  // an enqueue and a claim can't each hold what the other waits for.
  await lockLanes(x, allLanes);
  // Edits of unsent messages are merged now; what remains is inserted.
  const keep: number[] = [];
  for (let i = 0; i < all.length; i++) {
    const m = all[i]!;
    const t = m.kind === "update" ? known.get(m.targetId) : undefined;
    if (m.kind === "update" && t && ((t.status === "pending" && !t.claimed) || t.status === "folded")) {
      if (await mergeIntoTarget(x, m)) continue;
    }
    keep.push(i);
  }
  const msgs = keep.map((i) => all[i]!);
  const ids = keep.map((i) => allIds[i]!);
  const lanes = keep.map((i) => allLanes[i]!);
  const priorities = keep.map((i) => allPriorities[i]!);
  if (!msgs.length) return result;
  await supersedeEdits(x, [...new Set(msgs.flatMap((m) => (m.kind === "update" ? [m.targetId] : [])))]);
  const values = msgs.flatMap((m, i) => rowValues(ids[i]!, m, lanes[i]!, now, priorities[i]!));
  let inserted: Set<string>;
  if (msgs.some((m) => m.dedupeKey)) {
    const rows = await x.all<{ id: string }>(
      `${INSERT}${valueRows(msgs.length, COLUMNS.length)} ON CONFLICT ("dedupeKey") DO NOTHING RETURNING "id"`,
      values,
    );
    inserted = new Set(rows.map((r) => r.id));
    const missing = msgs.flatMap((m, i) =>
      m.dedupeKey && !inserted.has(ids[i]!) ? [[keep[i]!, m.dedupeKey] as const] : [],
    );
    if (missing.length) {
      const found = await x.all<{ id: string; dedupeKey: string }>(
        `SELECT "id", "dedupeKey" FROM "OutboxMessage" WHERE "dedupeKey" IN (${marks(missing.length)})`,
        missing.map(([, k]) => k),
      );
      const byKey = new Map(found.map((f) => [f.dedupeKey, f.id]));
      for (const [i, k] of missing) result[i] = { id: byKey.get(k) ?? allIds[i]! };
    }
  } else {
    await x.run(`${INSERT}${valueRows(msgs.length, COLUMNS.length)}`, values);
    inserted = new Set(ids);
  }
  const counts = new Map<string, { n: number; priority: number }>();
  ids.forEach((id, i) => {
    if (!inserted.has(id)) return;
    const c = counts.get(lanes[i]!) ?? { n: 0, priority: priorities[i]! };
    counts.set(lanes[i]!, { n: c.n + 1, priority: Math.min(c.priority, priorities[i]!) });
  });
  await countIntoLanes(x, counts, now);
  return result;
}

export async function enqueueMessage(db: Db, clock: Clock, msg: OutgoingMessage): Promise<{ id: string }> {
  return (await enqueueMany(prismaExec(db, dialectOfClient(db)), clock, [msg]))[0]!;
}

export function createOutbox(clock: Clock, onEnqueue: () => void): Outbox {
  return {
    async enqueue(db, msg) {
      const row = await enqueueMessage(db, clock, msg);
      onEnqueue();
      return row;
    },
    kick: onEnqueue,
  };
}

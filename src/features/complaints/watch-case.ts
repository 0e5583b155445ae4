// Someone outside the case waiting for it to close: a Workflow Builder step ("Wait for complaint
// resolution"). The watcher is a row; the transaction that closes the case queues each waiting
// step's completion, so a restart in between loses nothing and nothing completes twice.
import { stepCompletion } from "../../outbox/message.ts";
import type { Deps } from "../../deps.ts";
import type { Db } from "../../infra/db/db.ts";
import { DomainError } from "../../infra/errors.ts";
import { newId } from "../../infra/db/ids.ts";
import { dialectOfClient, prismaExec } from "../../infra/db/prisma-exec.ts";
import { stored } from "../../infra/db/stored.ts";
import type { ComplaintCase } from "../../generated/prisma/client.ts";
import { RemedyShape } from "./remedy.ts";

/** What a waiting step continues with once the case is closed. */
export function closedOutputs(c: ComplaintCase): Record<string, unknown> {
  const remedy = c.remedy ? stored(RemedyShape, c.remedy, "complaint remedy") : null;
  // A remedy that was turned down was not given.
  const given = remedy && remedy.status !== "rejected" && remedy.status !== "pending_approval" ? remedy.kind : "none";
  return {
    case_number: c.number,
    outcome: given,
    satisfaction: c.satisfaction ?? 0,
    closed_at: Math.floor((c.closedAt ?? new Date(0)).getTime() / 1000),
  };
}

async function finish(tx: Db, deps: Deps, c: ComplaintCase, executionIds: string[]) {
  for (const executionId of executionIds) {
    await deps.outbox.enqueue(tx, stepCompletion({ executionId, outputs: closedOutputs(c) }));
  }
}

/**
 * Waits for the case (its id, or its number as "12" or "#12") to close, on behalf of a step run.
 * A case closed already completes the step now. Idempotent per execution id.
 */
export async function watchCase(deps: Deps, ref: string, executionId: string): Promise<void> {
  const number = /^#?\d{1,9}$/.test(ref) ? Number(ref.replace("#", "")) : undefined;
  const found = await deps.db.complaintCase.findUnique({ where: number !== undefined ? { number } : { id: ref } });
  if (!found) throw new DomainError("complaint.error.notFound", { ref });
  await deps.db.$transaction(async (tx) => {
    // Lock the case's row first (a write that changes nothing): a close committing at this moment
    // either finished before, and we see "closed", or waits for us and then sees our watcher.
    await prismaExec(tx, dialectOfClient(tx)).run(`UPDATE "ComplaintCase" SET "version" = "version" WHERE "id" = ?`, [
      found.id,
    ]);
    const c = await tx.complaintCase.findUniqueOrThrow({ where: { id: found.id } });
    const closed = c.status === "closed";
    const n = await prismaExec(tx, dialectOfClient(tx)).run(
      `INSERT INTO "CaseWatcher" ("id", "caseId", "executionId", "createdAt", "doneAt") VALUES (?, ?, ?, ?, ?) ON CONFLICT ("executionId") DO NOTHING`,
      [newId(), c.id, executionId, deps.clock.now(), closed ? deps.clock.now() : null],
    );
    if (n === 1 && closed) await finish(tx, deps, c, [executionId]);
  });
}

/** In the transaction that closes the case: every step waiting on it completes. */
export async function completeWatchers(tx: Db, deps: Deps, c: ComplaintCase): Promise<void> {
  if (c.status !== "closed") return;
  const waiting = await tx.caseWatcher.findMany({
    where: { caseId: c.id, doneAt: null },
    select: { id: true, executionId: true },
  });
  if (!waiting.length) return;
  await tx.caseWatcher.updateMany({
    where: { id: { in: waiting.map((w) => w.id) } },
    data: { doneAt: deps.clock.now() },
  });
  await finish(
    tx,
    deps,
    c,
    waiting.map((w) => w.executionId),
  );
  deps.log.info({ caseId: c.id, steps: waiting.length }, "workflow steps waiting on the case completed");
}

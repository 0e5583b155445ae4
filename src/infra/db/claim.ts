// A state change is a conditional claim: it applies only to the row its author saw. Two people
// pressing buttons on two replicas at the same moment both read version 7; both try
// `UPDATE … SET version = 8 WHERE id = ? AND version = 7 AND status IN (…)`; PostgreSQL makes the
// second wait for the first and then finds no row, so exactly one wins (SQLite serialises them
// and the second finds no row too). Run it as the transaction's first write: the winner then
// holds the row until it commits, and everything it does after is decided on a row nobody else
// can change.
import { prismaExec, dialectOfClient } from "./prisma-exec.ts";
import type { Db } from "./db.ts";
import { marks } from "./sql.ts";

export type Claimable =
  "ComplaintCase" | "Task" | "Campaign" | "CampaignItem" | "MetricAlert" | "WarRoom" | "RunbookRun";

export interface ClaimOn {
  id: string;
  /** The version the author saw (from the card they pressed, or read before the transaction). */
  version: number;
  /** The statuses the change is allowed from; omitted: any. */
  statuses?: readonly string[];
}

/** True when this transaction now owns the change (exactly one row moved to version + 1). */
export async function claim(tx: Db, table: Claimable, on: ClaimOn): Promise<boolean> {
  const statuses = on.statuses ?? [];
  const n = await prismaExec(tx, dialectOfClient(tx)).run(
    `UPDATE "${table}" SET "version" = "version" + 1 WHERE "id" = ? AND "version" = ?${statuses.length ? ` AND "status" IN (${marks(statuses.length)})` : ""}`,
    [on.id, on.version, ...statuses],
  );
  return n === 1;
}

// The audit trail: every recorded action, written in the transaction that does it, so the log and
// the change are one. Neutral like the outbox: features record here and never import each other.
import type { Clock } from "../infra/clock.ts";
import type { Db } from "../infra/db/db.ts";

export type AuditFeature = "promo" | "task" | "complaint" | "reviews" | "metrics";
export const AUDIT_FEATURES: readonly AuditFeature[] = ["promo", "task", "complaint", "reviews", "metrics"];

export interface Action {
  actorId: string | null;
  feature: AuditFeature;
  action: string;
  objectType: string;
  objectId: string;
  objectLabel: string;
  before?: string | number | null;
  after?: string | number | null;
  channel?: string | null;
}

const text = (v: string | number | null | undefined) => (v === undefined || v === null ? null : String(v));

export async function recordAction(tx: Db, clock: Clock, a: Action): Promise<void> {
  await tx.actionLog.create({
    data: {
      at: clock.now(),
      actorId: a.actorId,
      feature: a.feature,
      action: a.action,
      objectType: a.objectType,
      objectId: a.objectId,
      objectLabel: a.objectLabel,
      before: text(a.before),
      after: text(a.after),
      channel: a.channel ?? null,
    },
  });
}

// Writing timers: features call these (often inside their own transaction) to plan work.
import type { Db } from "../infra/db.ts";
import type { Clock } from "../infra/clock.ts";

export interface NewTimer {
  kind: string;
  /** Unique: scheduling the same key twice keeps the first timer (a cancelled one is re-armed). */
  key: string;
  dueAt: Date;
  payload?: unknown;
}

export async function scheduleTimer(db: Db, clock: Clock, t: NewTimer): Promise<{ id: string; created: boolean }> {
  const existing = await db.timer.findUnique({ where: { key: t.key }, select: { id: true, status: true } });
  if (existing?.status === "cancelled") {
    // Planned again after a cancel (an item reassigned back, say): arm the same row again.
    await db.timer.updateMany({
      where: { id: existing.id, status: "cancelled" },
      data: { status: "pending", dueAt: t.dueAt, payload: JSON.stringify(t.payload ?? {}), attempts: 0, finishedAt: null, version: { increment: 1 } },
    });
    return { id: existing.id, created: true };
  }
  if (existing) return { id: existing.id, created: false };
  try {
    const row = await db.timer.create({
      data: { kind: t.kind, key: t.key, dueAt: t.dueAt, payload: JSON.stringify(t.payload ?? {}), createdAt: clock.now() },
      select: { id: true },
    });
    return { id: row.id, created: true };
  } catch (e) {
    // Another replica (or a concurrent request) created it first: that timer is the one.
    if ((e as { code?: string }).code === "P2002") {
      const row = await db.timer.findUniqueOrThrow({ where: { key: t.key }, select: { id: true } });
      return { id: row.id, created: false };
    }
    throw e;
  }
}

/** Moves a pending timer; a timer already running or done is left alone. */
export async function rescheduleTimer(db: Db, key: string, dueAt: Date): Promise<boolean> {
  const r = await db.timer.updateMany({ where: { key, status: "pending" }, data: { dueAt, version: { increment: 1 } } });
  return r.count === 1;
}

/** Cancels pending timers whose key starts with the prefix (a case, a campaign…). */
export async function cancelTimers(db: Db, clock: Clock, keyPrefix: string): Promise<number> {
  const r = await db.timer.updateMany({
    where: { key: { startsWith: keyPrefix }, status: "pending" },
    data: { status: "cancelled", finishedAt: clock.now(), version: { increment: 1 } },
  });
  return r.count;
}

import type { Deps } from "../../deps.ts";
import { pingDb } from "../../infra/db/db.ts";

export async function botStatus(deps: Pick<Deps, "db" | "sql">) {
  const database = await pingDb(deps.sql);
  const [pending, failed, timers] = await Promise.all([
    deps.db.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } }),
    deps.db.outboxMessage.count({ where: { status: "failed" } }),
    deps.db.timer.count({ where: { status: "pending" } }),
  ]);
  const recentFailures = await deps.db.outboxMessage.findMany({
    where: { status: "failed" },
    orderBy: { createdAt: "desc" },
    take: 10,
    select: { channel: true, sentChannel: true, lastError: true, createdAt: true, kind: true, userId: true },
  });
  return { database, pending, failed, timers, recentFailures };
}

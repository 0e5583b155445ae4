// The team's role map (admins): who "operations" or "purchasing" is when a flow's step names a
// role, and who stands in for them.
import type { Deps } from "../../deps.ts";
import { assertAdmin } from "../../people/people.ts";
import { recordAction } from "../../audit/audit.ts";

export async function setRole(
  deps: Deps,
  userId: string,
  r: { role: string; userId: string; backupId: string | null },
): Promise<void> {
  await assertAdmin(deps, userId, "raci.error.admin");
  await deps.db.$transaction(async (tx) => {
    const before = await tx.roleMapping.findUnique({ where: { role: r.role } });
    await tx.roleMapping.upsert({
      where: { role: r.role },
      create: r,
      update: { userId: r.userId, backupId: r.backupId },
    });
    await recordAction(tx, deps.clock, {
      actorId: userId,
      feature: "task",
      action: "role_set",
      objectType: "role",
      objectId: r.role,
      objectLabel: r.role,
      before: before?.userId ?? null,
      after: r.userId,
    });
  });
}

export const listRoles = (deps: Deps) => deps.db.roleMapping.findMany({ orderBy: { role: "asc" } });

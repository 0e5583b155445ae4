// The team's role map (admins): who "operations" or "purchasing" is when a flow's step names a
// role, and who stands in for them.
import type { Deps } from "../../deps.ts";
import { assertAdmin } from "../../people/people.ts";

export async function setRole(deps: Deps, userId: string, r: { role: string; userId: string; backupId: string | null }): Promise<void> {
  await assertAdmin(deps, userId, "raci.error.admin");
  await deps.db.roleMapping.upsert({ where: { role: r.role }, create: r, update: { userId: r.userId, backupId: r.backupId } });
}

export const listRoles = (deps: Deps) => deps.db.roleMapping.findMany({ orderBy: { role: "asc" } });

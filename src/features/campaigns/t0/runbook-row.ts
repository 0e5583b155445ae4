// A runbook run's row: its steps read back through their shape, the runbooks a promotion may open,
// who a role names, and the label the audit log shows.
import { z } from "zod";
import type { Deps } from "../../../deps.ts";
import type { Db } from "../../../infra/db/db.ts";
import { DomainError } from "../../../infra/errors.ts";
import { storedOr } from "../../../infra/db/stored.ts";
import type { Campaign, RunbookRun } from "../../../generated/prisma/client.ts";
import { StoredTemplate, StoredText, type Runbook } from "../rules.ts";
import { builtinTemplate } from "../templates.ts";

export const TextShape = StoredText;
export const Steps = z.array(
  z.object({
    text: TextShape,
    role: z.string(),
    ownerId: z.string(),
    doneBy: z.string().optional(),
    doneAt: z.string().optional(),
  }),
);
export type Steps = z.infer<typeof Steps>;

/** The runbooks of the promotion's template (the built-in ones for a template that has none). */
export async function runbooksOf(db: Db, c: Campaign): Promise<Runbook[]> {
  const row = await db.playbookTemplate.findUnique({ where: { id: c.templateId } });
  const own = row ? storedOr(StoredTemplate.pick({ runbooks: true }), row.body, {}).runbooks : undefined;
  return own?.length ? own : (builtinTemplate().runbooks ?? []);
}

/** The person a role names in the role map, or the promotion's owner when nobody has it. */
export async function personFor(db: Db, role: string, c: Campaign): Promise<string> {
  return (await db.roleMapping.findUnique({ where: { role } }))?.userId ?? c.ownerId;
}

export const label = (r: Pick<RunbookRun, "number" | "key">, c: Campaign) =>
  `#${c.number} ${c.name} · runbook ${r.key} (#${r.number})`;

export async function loadRun(deps: Deps, runId: string) {
  const r = await deps.db.runbookRun.findUnique({ where: { id: runId } });
  const c = r && (await deps.db.campaign.findUnique({ where: { id: r.campaignId } }));
  if (!r || !c) throw new DomainError("promo.error.notFound", { ref: runId });
  return { r, c };
}

// What this workspace lets the bot use, learned from Slack's answers. Canvases need a scope the
// app may have been installed without; Lists need a paid plan. A refusal is remembered, so later
// work goes straight to its fallback (today's message) and the person is told once; it is tried
// again after a day, in case the plan or the app's scopes changed since.
import type { Sql } from "../../infra/db/sql.ts";
import { toBool, toDate } from "../../infra/db/sql.ts";
import type { MessageKey } from "../../infra/i18n.ts";

export type CapabilityName = "canvases" | "lists";
export const CAPABILITIES: readonly CapabilityName[] = ["canvases", "lists"];
/** The scope each capability needs, as manifest.yml asks for it. */
export const SCOPE_OF: Record<CapabilityName, string> = { canvases: "canvases:write", lists: "lists:write" };

/** Answers that say "this workspace can't", not "this request is wrong". */
const REFUSALS = new Set([
  "not_allowed",
  "feature_not_enabled",
  "missing_scope",
  "not_allowed_token_type",
  "no_permission",
  "team_access_not_granted",
  "canvas_disabled_user_team",
  "team_tier_cannot_create_channel_canvases",
  "free_teams_cannot_create_non_tabbed_canvases",
  "paid_only",
]);

/**
 * Slack's free plan allows one canvas tab per channel: a refusal of this one document, not of
 * canvases in the workspace.
 */
const DOCUMENT_REFUSALS = new Set(["free_team_canvas_tab_already_exists", "channel_canvas_already_exists"]);

export const isRefusal = (reason: string): boolean => REFUSALS.has(reason);
export const isDocumentRefusal = (reason: string): boolean => DOCUMENT_REFUSALS.has(reason);

/** A refusal is believed this long before the capability is tried again. */
export const RETRY_AFTER_MS = 24 * 3_600_000;

export interface Capability {
  name: string;
  available: boolean;
  reason: string | null;
  checkedAt: Date;
}

export async function capabilityOf(sql: Pick<Sql, "get">, name: CapabilityName): Promise<Capability | undefined> {
  const r = await sql.get<Record<string, unknown>>(
    `SELECT "name", "available", "reason", "checkedAt" FROM "SlackCapability" WHERE "name" = ?`,
    [name],
  );
  return r
    ? {
        name: String(r.name),
        available: toBool(r.available),
        reason: (r.reason as string | null) ?? null,
        checkedAt: toDate(r.checkedAt),
      }
    : undefined;
}

/** The reason Slack refused this capability lately, if it did and a day hasn't passed. */
export async function refusedLately(sql: Pick<Sql, "get">, name: CapabilityName, now: Date) {
  const c = await capabilityOf(sql, name);
  return c && !c.available && now.getTime() - c.checkedAt.getTime() < RETRY_AFTER_MS
    ? (c.reason ?? "not_allowed")
    : undefined;
}

export async function noteCapability(
  sql: Pick<Sql, "run">,
  name: CapabilityName,
  available: boolean,
  reason: string | null,
  now: Date,
): Promise<void> {
  await sql.run(
    `INSERT INTO "SlackCapability" ("name", "available", "reason", "checkedAt") VALUES (?, ?, ?, ?)
     ON CONFLICT ("name") DO UPDATE SET "available" = excluded."available", "reason" = excluded."reason",
       "checkedAt" = excluded."checkedAt"`,
    [name, available, reason, now],
  );
}

const FIX: Record<string, MessageKey> = {
  missing_scope: "capability.fix.scope",
  not_allowed_token_type: "capability.fix.scope",
  free_team_canvas_tab_already_exists: "capability.fix.freeTab",
  channel_canvas_already_exists: "capability.fix.freeTab",
  team_tier_cannot_create_channel_canvases: "capability.fix.plan",
  free_teams_cannot_create_non_tabbed_canvases: "capability.fix.plan",
  feature_not_enabled: "capability.fix.plan",
  paid_only: "capability.fix.plan",
};
/** What would let the bot use it: a scope, a plan, an admin's word. */
export const fixFor = (reason: string): MessageKey => FIX[reason] ?? "capability.fix.admin";

/**
 * Only the newest state of a canvas or List matters: a later one queued in its lane makes this one
 * moot. The person who asked for this one is then the one to tell, should Slack refuse the later.
 */
export async function newerQueued(
  sql: Pick<Sql, "get" | "run">,
  row: { lane: string; seq: number; kind: string; actorId: string | null },
): Promise<boolean> {
  const newer = await sql.get<{ id: string }>(
    `SELECT "id" FROM "OutboxMessage" WHERE "lane" = ? AND "kind" = ? AND "status" = 'pending' AND "seq" > ?
     ORDER BY "seq" DESC LIMIT 1`,
    [row.lane, row.kind, row.seq],
  );
  if (newer && row.actorId)
    await sql.run(`UPDATE "OutboxMessage" SET "actorId" = ? WHERE "id" = ? AND "actorId" IS NULL`, [
      row.actorId,
      newer.id,
    ]);
  return Boolean(newer);
}

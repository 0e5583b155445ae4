// /shopops export (admins) and GET /export/actions.csv (other systems, with EXPORT_TOKEN): the
// audit trail of a date range as a CSV. The command sends it as a file to the admin's DM.
import type { Deps } from "../../deps.ts";
import { AUDIT_FEATURES, type AuditFeature } from "../../audit/audit.ts";
import { auditCsv, auditRows } from "../../audit/export.ts";
import { DomainError } from "../../infra/errors.ts";
import { isRealDate } from "../../infra/time.ts";
import { bearerOk } from "../../infra/webhook.ts";
import { sendJson } from "../../infra/http-body.ts";
import { assertAdmin, userContext } from "../../people/people.ts";
import type { HttpRoute } from "../../feature.ts";

export interface ExportWish {
  from: string;
  to: string;
  feature?: AuditFeature;
}

/** The range's problem, as a message key and the field it is about, or nothing. */
export function rangeProblem(w: { from: string; to: string; feature?: string }):
  | {
      field: "from" | "to" | "feature";
      key: "export.error.date" | "export.error.order" | "export.error.long" | "export.error.feature";
    }
  | undefined {
  if (!isRealDate(w.from)) return { field: "from", key: "export.error.date" };
  if (!isRealDate(w.to)) return { field: "to", key: "export.error.date" };
  if (w.to < w.from) return { field: "to", key: "export.error.order" };
  if (Date.parse(w.to) - Date.parse(w.from) > 366 * 86_400_000) return { field: "to", key: "export.error.long" };
  if (w.feature !== undefined && !AUDIT_FEATURES.includes(w.feature as AuditFeature))
    return { field: "feature", key: "export.error.feature" };
  return undefined;
}

export async function exportActions(deps: Deps, userId: string, w: ExportWish): Promise<number> {
  await assertAdmin(deps, userId, "export.error.admin");
  const problem = rangeProblem(w);
  if (problem)
    throw new DomainError(problem.key, { value: w[problem.field] ?? "", features: AUDIT_FEATURES.join(", ") });
  const user = await userContext(deps, userId);
  const rows = await auditRows(deps.db, { ...w, timeZone: deps.config.DEFAULT_TIMEZONE });
  const csv = auditCsv(rows, deps.config.DEFAULT_TIMEZONE);
  const name = `shopops-actions-${w.from}_${w.to}${w.feature ? `-${w.feature}` : ""}.csv`;
  await deps.outbox.enqueue(deps.db, {
    kind: "file",
    channel: userId,
    body: { text: user.t("export.sent", { count: rows.length, from: w.from, to: w.to }) },
    file: { filename: name, title: name, altText: name, base64: Buffer.from(csv, "utf8").toString("base64") },
    actorId: userId,
  });
  return rows.length;
}

export const exportRoute: HttpRoute = {
  method: "GET",
  path: "/export/actions.csv",
  async handle(deps, req, res) {
    if (!deps.config.EXPORT_TOKEN)
      return sendJson(res, 404, { error: "not_enabled", hint: "set EXPORT_TOKEN to turn the export on" });
    if (!bearerOk(deps.config.EXPORT_TOKEN, req.headers.authorization))
      return sendJson(res, 401, { error: "unauthorized", hint: "send Authorization: Bearer <EXPORT_TOKEN>" });
    const q = new URL(req.url ?? "/", "http://x").searchParams;
    const w = { from: q.get("from") ?? "", to: q.get("to") ?? "", feature: q.get("feature") ?? undefined };
    const problem = rangeProblem(w);
    if (problem)
      return sendJson(res, 400, {
        error: "invalid",
        field: problem.field,
        hint:
          "from and to are dates (YYYY-MM-DD), from ≤ to, at most 366 days; feature is one of " +
          AUDIT_FEATURES.join(", "),
      });
    const csv = auditCsv(
      await auditRows(deps.db, { ...(w as ExportWish), timeZone: deps.config.DEFAULT_TIMEZONE }),
      deps.config.DEFAULT_TIMEZONE,
    );
    res
      .writeHead(200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="shopops-actions-${w.from}_${w.to}.csv"`,
        "cache-control": "no-store",
      })
      .end(csv);
  },
};

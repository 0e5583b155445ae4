// The audit export: every recorded action in a date range, as rows and as a CSV that opens in a
// spreadsheet with Chinese intact (UTF-8 with a byte-order mark). Complaint cases' history comes
// from their own table (ComplaintEvent), everything else from ActionLog.
import { z } from "zod";
import type { DbClient } from "../infra/db/db.ts";
import { storedOr } from "../infra/db/stored.ts";
import { formatInZone, localTime, shiftDate } from "../infra/time.ts";
import type { AuditFeature } from "./audit.ts";

export interface AuditRow {
  at: Date;
  actorId: string | null;
  feature: AuditFeature;
  action: string;
  objectType: string;
  objectId: string;
  objectLabel: string;
  before: string | null;
  after: string | null;
  channel: string | null;
}

export interface Range {
  /** Local dates, both included, in `timeZone`. */
  from: string;
  to: string;
  timeZone: string;
  feature?: AuditFeature;
}

const Detail = z
  .object({
    from: z.union([z.string(), z.number()]).optional(),
    to: z.union([z.string(), z.number()]).optional(),
    tier: z.number().optional(),
  })
  .loose();
const Policy = z.object({ tiers: z.array(z.object({ tier: z.number(), channelId: z.string() }).loose()) }).loose();

export async function auditRows(db: DbClient, r: Range): Promise<AuditRow[]> {
  const start = localTime(r.from, "00:00", r.timeZone);
  const end = localTime(shiftDate(r.to, 1), "00:00", r.timeZone);
  const rows: AuditRow[] = [];
  if (!r.feature || r.feature !== "complaint") {
    const logged = await db.actionLog.findMany({
      where: { at: { gte: start, lt: end }, ...(r.feature ? { feature: r.feature } : {}) },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    });
    rows.push(...logged.map((l) => ({ ...l, feature: l.feature as AuditFeature })));
  }
  if (!r.feature || r.feature === "complaint") {
    const events = await db.complaintEvent.findMany({
      where: { at: { gte: start, lt: end } },
      include: { case: { select: { number: true, tier: true, policy: true, orderNo: true } } },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    });
    for (const e of events) {
      const d = storedOr(Detail, e.detail, {});
      const tier = typeof d.to === "number" ? d.to : (d.tier ?? e.case.tier);
      const channel =
        storedOr(Policy, e.case.policy, { tiers: [] }).tiers.find((t) => t.tier === tier)?.channelId ?? null;
      rows.push({
        at: e.at,
        actorId: e.actorId,
        feature: "complaint",
        action: e.kind,
        objectType: "case",
        objectId: e.caseId,
        objectLabel: `#${e.case.number} ${e.case.orderNo}`,
        before: d.from === undefined ? null : String(d.from),
        after: d.to === undefined ? (d.tier !== undefined ? `tier ${d.tier}` : null) : String(d.to),
        channel,
      });
    }
  }
  return rows.sort((a, b) => a.at.getTime() - b.at.getTime());
}

export const CSV_HEADER = ["when", "who", "feature", "what", "object", "object_id", "before", "after", "channel"];

/**
 * One field, quoted when it must be (RFC 4180). A field a spreadsheet would run as a formula
 * (=, +, -, @, a tab or a carriage return first) gets a leading apostrophe: text from users and
 * webhooks is data, not a formula to execute on the reader's machine.
 */
export function csvField(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function auditCsv(rows: readonly AuditRow[], timeZone: string): string {
  const lines = [CSV_HEADER.join(",")];
  for (const r of rows) {
    const when = formatInZone(r.at, timeZone, "yyyy-MM-dd HH:mm:ss xxx");
    lines.push(
      [
        when,
        r.actorId ?? "shopops",
        r.feature,
        r.action,
        r.objectLabel,
        r.objectId,
        r.before ?? "",
        r.after ?? "",
        r.channel ?? "",
      ]
        .map(csvField)
        .join(","),
    );
  }
  // The BOM tells Excel the file is UTF-8; CRLF is what RFC 4180 and Excel expect.
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

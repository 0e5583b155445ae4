// What /complaint accepts, and the payloads of its modals and buttons, validated with zod.
import { z } from "zod";
import { isTimeZone } from "../../config.ts";
import { durationMs, durationRe } from "../../infra/duration.ts";
import type { PolicyPatch } from "./policy.ts";
import { CAUSES, REMEDIES, URGENCIES } from "./rules.ts";

export type ComplaintCommand =
  | { sub: "new" | "list" | "tiers" | "policy-show" }
  | { sub: "tier"; tier: number; channelId: string; userIds: string[]; userGroupId: string | null }
  | { sub: "policy"; patch: PolicyPatch }
  | { sub: "report"; from?: string; to?: string };

export type CommandParse =
  | { ok: true; cmd: ComplaintCommand }
  | { ok: false; usage: "complaint.usage" | "complaint.usage.tier" | "complaint.usage.report" }
  | { ok: false; usage: "complaint.usage.policy"; problem: string };

const isoDate = z.iso.date();
const maxMs = 20 * 86_400_000; // stored as 32-bit integers on PostgreSQL

export function parseComplaintCommand(text: string, timeZone: string): CommandParse {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const sub = (words[0] ?? "").toLowerCase();
  const rest = words.slice(1);
  switch (sub) {
    case "new":
    case "list":
    case "tiers":
      return { ok: true, cmd: { sub } };
    case "tier":
      return parseTier(rest);
    case "policy":
      return rest.length === 0 ? { ok: true, cmd: { sub: "policy-show" } } : parsePolicy(rest, timeZone);
    case "report": {
      if (rest.length > 2 || !rest.every((d) => isoDate.safeParse(d).success))
        return { ok: false, usage: "complaint.usage.report" };
      return { ok: true, cmd: { sub: "report", from: rest[0], to: rest[1] } };
    }
    default:
      return { ok: false, usage: "complaint.usage" };
  }
}

function parseTier(rest: string[]): CommandParse {
  const tier = Number(rest[0]);
  // With should_escape on, Slack sends <#C123|name>, <@U123|name> and <!subteam^S123|@name>.
  const channel = rest.map((w) => /^<#([CG][A-Z0-9]+)(\|[^>]*)?>$/.exec(w)?.[1]).find(Boolean);
  const users = rest.map((w) => /^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/.exec(w)?.[1]).filter((u): u is string => Boolean(u));
  const group = rest.map((w) => /^<!subteam\^([A-Z0-9]+)(\|[^>]*)?>$/.exec(w)?.[1]).find(Boolean) ?? null;
  if (![1, 2, 3].includes(tier) || !channel || (users.length === 0 && !group))
    return { ok: false, usage: "complaint.usage.tier" };
  return { ok: true, cmd: { sub: "tier", tier, channelId: channel, userIds: [...new Set(users)], userGroupId: group } };
}

const dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

function parseDays(s: string): number[] | undefined {
  const range = /^([a-z]{3})-([a-z]{3})$/.exec(s);
  if (range) {
    const a = dayNames.indexOf(range[1]!);
    const b = dayNames.indexOf(range[2]!);
    if (a < 0 || b < 0 || b < a) return undefined;
    return Array.from({ length: b - a + 1 }, (_, i) => a + i + 1);
  }
  const list = s.split(",").map((d) => dayNames.indexOf(d) + 1);
  return list.every((d) => d > 0) ? list : undefined;
}

/** warn 75%, vip-tier 2, refund-approval 500: the setting written into the patch, or its problem. */
function numberSetting(key: string, v: string | undefined, patch: PolicyPatch): string | undefined {
  if (key === "warn") {
    const n = Number((v ?? "").replace("%", ""));
    if (!Number.isInteger(n) || n < 0 || n > 99) return "warn: a percentage from 0 to 99, e.g. 75%";
    patch.warnPercent = n;
  } else if (key === "vip-tier") {
    const n = Number(v);
    if (![1, 2, 3].includes(n)) return "vip-tier: 1, 2 or 3";
    patch.vipStartTier = n;
  } else {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) return "refund-approval: an amount, e.g. 500";
    patch.refundApprovalAbove = Math.round(n);
  }
  return undefined;
}

function parsePolicy(rest: string[], timeZone: string): CommandParse {
  const patch: PolicyPatch = {};
  const fail = (problem: string): CommandParse => ({ ok: false, usage: "complaint.usage.policy", problem });
  const dur = (key: string, v: string | undefined) => {
    if (!v || !durationRe.test(v)) return `${key}: "${v ?? ""}" is not a duration like 30s, 90m, 2h or 1d`;
    const ms = durationMs(v);
    if (ms < 1000 || ms > maxMs) return `${key}: between 1s and 20d`;
    return ms;
  };
  let tz = timeZone;
  let hours: { start: string; end: string } | "off" | undefined;
  let days = [1, 2, 3, 4, 5];
  for (let i = 0; i < rest.length; i += 2) {
    const key = rest[i]!.toLowerCase();
    const v = rest[i + 1];
    switch (key) {
      case "urgent":
      case "general":
      case "repeat": {
        const ms = dur(key, v);
        if (typeof ms === "string") return fail(ms);
        if (key === "urgent") patch.urgentAckMs = ms;
        else if (key === "general") patch.generalResolveMs = ms;
        else patch.tier3RepeatMs = ms;
        break;
      }
      case "warn":
      case "vip-tier":
      case "refund-approval": {
        const problem = numberSetting(key, v, patch);
        if (problem) return fail(problem);
        break;
      }
      case "hours": {
        if (v === "off") {
          hours = "off";
          break;
        }
        const m = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(v ?? "");
        if (!m || `${m[3]}:${m[4]}` <= `${m[1]}:${m[2]}`) return fail("hours: like 09:00-18:00, or off");
        hours = { start: `${m[1]}:${m[2]}`, end: `${m[3]}:${m[4]}` };
        if (rest[i + 2] && parseDays(rest[i + 2]!.toLowerCase())) {
          days = parseDays(rest[i + 2]!.toLowerCase())!;
          i++;
        }
        break;
      }
      case "tz":
        if (!v || !isTimeZone(v)) return fail("tz: an IANA time zone such as Asia/Shanghai");
        tz = v;
        break;
      case "holidays": {
        if (v === "none") {
          patch.holidays = [];
          break;
        }
        const list = (v ?? "").split(",");
        if (!list.every((d) => isoDate.safeParse(d).success))
          return fail("holidays: dates like 2026-10-01,2026-10-02, or none");
        patch.holidays = list;
        break;
      }
      default:
        return fail(`unknown setting "${rest[i]}"`);
    }
  }
  if (hours === "off") patch.workingHours = null;
  else if (hours) patch.workingHours = { ...hours, days, timeZone: tz };
  return { ok: true, cmd: { sub: "policy", patch } };
}

/** The create modal's state.values, as Slack sends it in view_submission. */
const text = (max: number) => z.object({ value: z.string().trim().max(max).nullable().optional() });
export const CreateValues = z.object({
  order: z.object({ order: text(64) }),
  customer: z.object({ customer: text(80) }),
  vip: z
    .object({ vip: z.object({ selected_options: z.array(z.object({ value: z.string() })).default([]) }) })
    .optional(),
  cause: z.object({ cause: z.object({ selected_option: z.object({ value: z.enum(CAUSES) }).nullable() }) }),
  urgency: z.object({ urgency: z.object({ selected_option: z.object({ value: z.enum(URGENCIES) }).nullable() }) }),
  summary: z.object({ summary: text(2000) }),
});

export const CreateMeta = z.object({
  channel: z.string().optional(),
  ts: z.string().optional(),
  threadTs: z.string().optional(),
  link: z.string().optional(),
});

export const CaseId = z.string().regex(/^[a-z0-9]{10,40}$/, "a case id");
/**
 * A card's button names the case and the version the card showed ("id.7"), so a press on a card
 * that is already out of date loses to the change that made it so. Cards posted before versions
 * existed carry the bare id: those are checked against the case as read when the press arrives.
 */
export const CaseRef = z
  .string()
  .regex(/^[a-z0-9]{10,40}(\.\d{1,9})?$/, "a case id")
  .transform((v) => {
    const [caseId, seen] = v.split(".");
    return { caseId: caseId!, seen: seen === undefined ? undefined : Number(seen) };
  });
export type CaseRef = z.output<typeof CaseRef>;
export const CaseMeta = z.object({ caseId: CaseId, seen: z.number().int().nonnegative().optional() });
export const RemedyValues = z.object({
  remedy_kind: z.object({
    remedy_kind: z.object({ selected_option: z.object({ value: z.enum(REMEDIES) }).nullable() }),
  }),
  amount: z.object({ amount: text(64) }),
  note: z.object({ note: text(500) }),
});
export const RateValue = z.string().regex(/^[a-z0-9]+(\.\d{1,9})?:[1-5]$/);
export const orderRe = /^[A-Za-z0-9-]{3,64}$/;

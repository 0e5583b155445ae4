// Playbook arithmetic: templates, due dates counted back from the event day, reminder instants,
// the marketing calendar and the retrospective. Pure: no database, no Slack.
import type { Locale } from "../../infra/i18n.ts";
import { stored } from "../../infra/db/stored.ts";
import { shiftDate } from "../../infra/time.ts";
import { z } from "zod";

export const STAGES = ["T-30", "T-21", "T-14", "T-7", "T0", "T+"] as const;
export type StageKey = (typeof STAGES)[number];
export const KINDS = ["618", "double11", "double12", "newyear", "brandday", "custom"] as const;
export type Kind = (typeof KINDS)[number];

const Text = z.object({ "zh-CN": z.string().min(1).max(200), en: z.string().min(1).max(200) });
/** Text in both languages as stored (checked for length when a template is imported, not when read). */
export const StoredText = z.object({ "zh-CN": z.string(), en: z.string() });
/** A template as stored: validated when imported; read back with its shape, not cast. */
export const StoredTemplate = z.object({
  name: z.string(),
  stages: z.array(
    z.object({
      key: z.enum(STAGES),
      offset: z.number(),
      title: StoredText,
      items: z.array(
        z.object({ title: StoredText, role: z.string(), done: StoredText, gate: z.boolean().default(false) }),
      ),
    }),
  ),
  runbooks: z
    .array(
      z.object({
        key: z.string(),
        title: StoredText,
        steps: z.array(z.object({ text: StoredText, role: z.string() })),
        decider: z.string(),
        question: StoredText,
      }),
    )
    .optional(),
});
export const TargetsShape = z
  .object({
    gmv: z.number().optional(),
    newCustomers: z.number().optional(),
    roi: z.number().optional(),
    budget: z.number().optional(),
    // The T0 war room's hourly thresholds, when the promotion has its own.
    t0Rules: z.object({ notice: z.number(), warning: z.number(), critical: z.number() }).optional(),
  })
  .loose();
export type Text = z.infer<typeof Text>;

/** A text of the template (stored JSON or parsed) in one locale, English when it has none. */
export const textIn = (json: string | Text, locale: Locale): string => {
  const t = typeof json === "string" ? stored(StoredText, json, "promotion text") : json;
  return t[locale] ?? t.en;
};
const Item = z.object({
  title: Text,
  role: z.string().regex(/^[a-z_]{2,30}$/, "a role like operations"),
  done: Text,
  gate: z.boolean().default(false),
});
const Stage = z.object({
  key: z.enum(STAGES),
  offset: z.number().int().min(-365).max(90),
  title: Text,
  items: z.array(Item).min(1).max(12),
});
const Role = z.string().regex(/^[a-z_]{2,30}$/, "a role like operations");
/** A contingency plan for T0: ordered steps, each with an owner role, and a decision-maker's call. */
export const Runbook = z.object({
  key: z.string().regex(/^[a-z_]{2,30}$/, "a key like stockout"),
  title: Text,
  steps: z
    .array(z.object({ text: Text, role: Role }))
    .min(1)
    .max(10),
  decider: Role,
  question: Text,
});
export type Runbook = z.infer<typeof Runbook>;
export const Template = z
  .object({
    name: z.string().regex(/^[a-z0-9_-]{1,40}$/, "lower-case letters, digits, - or _"),
    stages: z.array(Stage),
    runbooks: z.array(Runbook).max(10).optional(),
  })
  .superRefine((t, ctx) => {
    for (const key of STAGES) {
      const n = t.stages.filter((s) => s.key === key).length;
      if (n !== 1)
        ctx.addIssue({
          code: "custom",
          path: ["stages"],
          message: n === 0 ? `stage ${key} is missing` : `stage ${key} appears ${n} times`,
        });
    }
    const total = t.stages.reduce((a, s) => a + s.items.length, 0);
    if (total > 40)
      ctx.addIssue({ code: "custom", path: ["stages"], message: `${total} items: a checklist holds at most 40` });
  });
export type Template = z.infer<typeof Template>;

/** zod's issues as "stages.2.items.0.title.en: Required"-style lines a person can fix. */
export function templateProblems(e: z.ZodError): string[] {
  return e.issues.map((i) => `${i.path.join(".") || "template"}: ${i.message}`);
}

export const REMINDER_TIME = "09:00";
/** Overdue items go to the campaign owner after this many days of nudging their owner. */
export const GRACE_DAYS = 2;

export interface PlannedItem {
  stage: StageKey;
  seq: number;
  title: Text;
  doneMeans: Text;
  role: string;
  offsetDays: number;
  dueDate: string;
  gate: boolean;
}

export function planChecklist(t: Template, eventDate: string): PlannedItem[] {
  const stages = [...t.stages].sort((a, b) => STAGES.indexOf(a.key) - STAGES.indexOf(b.key));
  let seq = 0;
  return stages.flatMap((s) =>
    s.items.map((i) => ({
      stage: s.key,
      seq: seq++,
      title: i.title,
      doneMeans: i.done,
      role: i.role,
      offsetDays: s.offset,
      dueDate: shiftDate(eventDate, s.offset),
      gate: i.gate,
    })),
  );
}

/** Chinese New Year's day, for the New-Year goods festival (年货节) 3-4 weeks before it. */
const SPRING_FESTIVAL: Record<number, string> = {
  2025: "2025-01-29",
  2026: "2026-02-17",
  2027: "2027-02-06",
  2028: "2028-01-26",
  2029: "2029-02-13",
  2030: "2030-02-03",
  2031: "2031-01-23",
  2032: "2032-02-11",
  2033: "2033-01-31",
  2034: "2034-02-19",
  2035: "2035-02-08",
};

export interface CalendarEvent {
  kind: Kind;
  date: string;
  prepareFrom: string;
  big: boolean;
}

/** The marketing calendar of a year; big promotions start preparing three months ahead. */
export function marketingCalendar(year: number): CalendarEvent[] {
  const ev = (kind: Kind, date: string, big = true): CalendarEvent => ({
    kind,
    date,
    big,
    prepareFrom: shiftDate(date, big ? -91 : -30),
  });
  const list = [ev("618", `${year}-06-18`), ev("double11", `${year}-11-11`), ev("double12", `${year}-12-12`)];
  const sf = SPRING_FESTIVAL[year];
  if (sf) list.push(ev("newyear", shiftDate(sf, -21)));
  return list.sort((a, b) => a.date.localeCompare(b.date));
}

export interface Targets {
  gmv?: number;
  newCustomers?: number;
  roi?: number;
  budget?: number;
}

export interface Actuals {
  gmv: number;
  newCustomers: number;
  spend: number;
  uv: number;
  buyers: number;
}

export interface RetroFigures {
  gmvAttainment: number | null;
  newCustomerAttainment: number | null;
  roi: number | null;
  roiAttainment: number | null;
  budgetUse: number | null;
  uvValue: number | null;
  conversion: number | null;
}

const ratio = (a: number, b: number | undefined) => (b && b > 0 ? a / b : null);

/** Plan against actual, with DOMAIN.md's definitions: ROI = sales ÷ spend, UV value = sales ÷ UV. */
export function retroFigures(t: Targets, a: Actuals): RetroFigures {
  const roi = ratio(a.gmv, a.spend);
  return {
    gmvAttainment: ratio(a.gmv, t.gmv),
    newCustomerAttainment: ratio(a.newCustomers, t.newCustomers),
    roi,
    roiAttainment: roi != null ? ratio(roi, t.roi) : null,
    budgetUse: ratio(a.spend, t.budget),
    uvValue: ratio(a.gmv, a.uv),
    conversion: ratio(a.buyers, a.uv),
  };
}

export function pct(x: number | null, digits = 0): string {
  return x == null ? "–" : `${(x * 100).toFixed(digits)}%`;
}

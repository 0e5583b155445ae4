// An import preset: how one platform's export maps onto the bot's fields. Presets are data (YAML
// files in presets/, and the team's own in IMPORT_PRESETS_DIR), so a new export version or a new
// platform needs a file, not code. Looked at on every import (a file is parsed again when it
// changed), so an edit needs no restart.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { isTimeZone } from "../../config.ts";
import { fromRoot } from "../../infra/paths.ts";

/** The bot's fields each kind of export can fill. */
export const FIELDS = {
  // Figures per day (or hour) as a store report gives them.
  metrics: [
    "date",
    "hour",
    "time",
    "store",
    "channel",
    "sku",
    "uv",
    "pv",
    "product_views",
    "cart_adds",
    "orders",
    "buyers",
    "gmv",
    "refunds",
    "ad_spend",
    "new_customers",
  ],
  // One row per order (or per order line): summed into hourly figures by the bot.
  orders: [
    "order_id",
    "line_id",
    "buyer",
    "amount",
    "created_at",
    "paid_at",
    "quantity",
    "refund",
    "status",
    "store",
    "channel",
    "sku",
  ],
  reviews: ["review_id", "order_id", "sku", "rating", "text", "followup", "followup_time", "time", "platform"],
} as const;

export type Target = keyof typeof FIELDS;

const NEEDED: Record<Target, string[][]> = {
  metrics: [["date", "time"]],
  orders: [["order_id"], ["amount"], ["created_at", "paid_at"]],
  reviews: [["sku"], ["rating"], ["text"], ["time"]],
};

const Skip = z.object({
  field: z.string(),
  empty: z.boolean().optional(),
  matches: z
    .string()
    .refine((r) => {
      try {
        return Boolean(new RegExp(r, "i"));
      } catch {
        return false;
      }
    }, "a regular expression, such as 已取消|已关闭")
    .optional(),
  reason: z.string().min(1),
});

export const PresetSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/, "lower-case letters, digits and -"),
    name: z.string().min(1),
    platform: z.string().min(1).max(30),
    target: z.enum(["metrics", "orders", "reviews"]),
    /** The zone the export's times are written in; the team's DEFAULT_TIMEZONE when unset. */
    timezone: z.string().refine(isTimeZone, "an IANA time zone such as Asia/Shanghai").optional(),
    /** How a date like 11/12/2026 is read: YMD (2026-11-12, the Chinese platforms), MDY or DMY. */
    dates: z.enum(["YMD", "MDY", "DMY"]).default("YMD"),
    /** The store when the file has no store column and the person importing names none. */
    store: z.string().max(60).optional(),
    /** The bot's channel for these rows (tmall, jd, app…) when the file has no channel column. */
    channel: z.string().max(60).optional(),
    /** Field → the column names that carry it (synonyms across export versions), first match wins. */
    columns: z.record(z.string(), z.array(z.string().min(1)).min(1)),
    /** Fields a file must have for this preset to match it. */
    required: z.array(z.string()).min(1),
    /** Rows to leave out, each with the reason shown in the preview. */
    skip: z.array(Skip).default([]),
  })
  .superRefine((p, ctx) => {
    const allowed: readonly string[] = FIELDS[p.target];
    for (const f of [...Object.keys(p.columns), ...p.required, ...p.skip.map((s) => s.field)])
      if (!allowed.includes(f))
        ctx.addIssue({ code: "custom", message: `“${f}” is not a ${p.target} field (${allowed.join(", ")})` });
    for (const f of p.required)
      if (!p.columns[f]) ctx.addIssue({ code: "custom", message: `required field “${f}” has no columns` });
    for (const anyOf of NEEDED[p.target])
      if (!anyOf.some((f) => p.columns[f]))
        ctx.addIssue({ code: "custom", message: `a ${p.target} preset needs a column for ${anyOf.join(" or ")}` });
  });

export type Preset = z.output<typeof PresetSchema> & { source: string };

/** The first column name a preset knows for a field (to name it in an answer). */
export const columnName = (p: Preset, field: string): string => p.columns[field]?.[0] ?? field;

export interface PresetProblem {
  file: string;
  message: string;
}

type FileRead = { preset: Preset } | { problem: PresetProblem };

/**
 * Each file as last read, by its path, while its size and time stay the same. Parsing and checking
 * the folder's YAML took 11–38 ms, on the event loop, at each preview and each import; a stat of
 * each file is a fraction of a millisecond and still sees an edit at once.
 */
const readCache = new Map<string, { stamp: string; read: FileRead }>();

function readPreset(file: string, source: string): FileRead {
  const st = statSync(file);
  const stamp = `${st.mtimeMs}:${st.size}:${source}`;
  const cached = readCache.get(file);
  if (cached?.stamp === stamp) return cached.read;
  let read: FileRead;
  try {
    const parsed = PresetSchema.safeParse(parseYaml(readFileSync(file, "utf8")));
    read = parsed.success
      ? { preset: { ...parsed.data, source } }
      : {
          problem: {
            file,
            message: parsed.error.issues.map((i) => `${i.path.join(".") || "preset"}: ${i.message}`).join("; "),
          },
        };
  } catch (e) {
    read = { problem: { file, message: (e as Error).message.split("\n")[0] ?? "" } };
  }
  if (readCache.size > 500) readCache.clear();
  readCache.set(file, { stamp, read });
  return read;
}

function readFolder(dir: string, source: string, out: Map<string, Preset>, problems: PresetProblem[]): void {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.(ya?ml|json)$/i.test(n));
  } catch {
    return; // no such folder: no presets of that kind
  }
  for (const n of names.sort()) {
    let read: FileRead;
    try {
      read = readPreset(join(dir, n), source);
    } catch (e) {
      read = { problem: { file: join(dir, n), message: (e as Error).message.split("\n")[0] ?? "" } };
    }
    if ("preset" in read) out.set(read.preset.id, read.preset);
    else problems.push(read.problem);
  }
}

/** The built-in presets and the team's (which win on the same id), and the files that didn't read. */
export function loadPresets(teamDir: string): { presets: Preset[]; problems: PresetProblem[] } {
  const byId = new Map<string, Preset>();
  const problems: PresetProblem[] = [];
  readFolder(fromRoot("presets"), "built-in", byId, problems);
  readFolder(teamDir, teamDir, byId, problems);
  return { presets: [...byId.values()], problems };
}

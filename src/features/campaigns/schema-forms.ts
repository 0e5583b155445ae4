// What the promotion forms send, read and checked: each wrong field named in the person's words
// (Slack shows the words under the field), or the values ready for the service.
import type { Translator } from "../../infra/i18n.ts";
import { isRealDate } from "../../infra/time.ts";
import type { Retro, RetroAction } from "./retro.ts";
import { KINDS, type Kind } from "./rules.ts";
import { optionalNumber, parseNumber } from "./schema.ts";

export type FormValues = Record<
  string,
  Record<
    string,
    {
      value?: string | null;
      selected_date?: string | null;
      selected_user?: string | null;
      selected_conversation?: string | null;
      selected_option?: { value: string } | null;
    }
  >
>;
export const field = (v: FormValues, id: string) => v[id]?.[id];
type Errors = Record<string, string>;
type Read<T> = { errors: Errors } | { ok: T };
const done = <T>(errors: Errors, value: () => T): Read<T> =>
  Object.keys(errors).length ? { errors } : { ok: value() };

export interface CreateForm {
  name: string;
  kind: Kind;
  eventDate: string;
  channelId: string;
  ownerId?: string;
  targets: { gmv?: number; newCustomers?: number; roi?: number; budget?: number };
  templateName: string;
}

/** The template the new-promotion form names (the caller checks it exists: that reads the database). */
export const templateOf = (v: FormValues) => field(v, "template")?.selected_option?.value ?? "builtin";

/** The new-promotion form, every wrong field at once. */
export function readCreateForm(
  v: FormValues,
  t: Translator,
  o: { today: string; templateKnown: boolean },
): Read<CreateForm> {
  const errors: Errors = {};
  const today = o.today;
  const date = field(v, "date")?.selected_date ?? "";
  if (!isRealDate(date)) errors.date = t("promo.error.date", { date });
  else if (date < today) errors.date = t("promo.error.past", { date, today });
  const channel = field(v, "channel")?.selected_conversation;
  if (!channel) errors.channel = t("promo.error.channel");
  const nums: Record<string, number | undefined> = {};
  for (const id of ["gmv", "new_customers", "roi", "budget"]) {
    const r = optionalNumber(field(v, id)?.value);
    if (!r.ok) errors[id] = t("promo.error.number");
    else nums[id] = r.value;
  }
  if (!o.templateKnown) errors.template = t("promo.error.templateUnknown", { name: templateOf(v) });
  const kind = field(v, "kind")?.selected_option?.value ?? "custom";
  return done(errors, () => ({
    name: (field(v, "name")?.value ?? "").trim().slice(0, 80) || date,
    kind: (KINDS as readonly string[]).includes(kind) ? (kind as Kind) : "custom",
    eventDate: date,
    channelId: channel!,
    ownerId: field(v, "owner")?.selected_user ?? undefined,
    targets: { gmv: nums.gmv, newCustomers: nums.new_customers, roi: nums.roi, budget: nums.budget },
    templateName: templateOf(v),
  }));
}

const lines = (s: string | null | undefined) =>
  (s ?? "")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** An action line: "what | @owner | YYYY-MM-DD | done means". */
function readAction(line: string): RetroAction | undefined {
  // " | " separates the parts; a mention's own "|" (<@U123|name>) has no spaces around it.
  const [action, owner, deadline, acceptance] = line.split(/\s+\|\s+/).map((s) => s.trim());
  const ownerId =
    /^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/.exec(owner ?? "")?.[1] ?? (owner && owner.length <= 80 ? owner : undefined);
  if (!action || !ownerId || !isRealDate(deadline ?? "") || !acceptance) return undefined;
  return { action, owner: ownerId, deadline: deadline!, acceptance };
}

/** The retrospective form: the actuals, what went well and badly, the five whys, the actions. */
export function readRetroForm(v: FormValues, t: Translator): Read<Omit<Retro, "by">> {
  const errors: Errors = {};
  const nums: Record<string, number> = {};
  for (const id of ["gmv", "new_customers", "spend", "uv", "buyers"]) {
    const r = parseNumber(field(v, id)?.value);
    if (r.ok) nums[id] = r.value;
    else errors[id] = t("promo.error.number");
  }
  const actions: RetroAction[] = [];
  lines(field(v, "actions")?.value).forEach((line, i) => {
    const a = readAction(line);
    if (a) actions.push(a);
    else errors.actions ??= t("promo.retro.badAction", { line: i + 1 });
  });
  return done(errors, () => ({
    actuals: {
      gmv: nums.gmv!,
      newCustomers: nums.new_customers!,
      spend: nums.spend!,
      uv: nums.uv!,
      buyers: nums.buyers!,
    },
    success: field(v, "success")?.value?.trim() ?? "",
    failure: field(v, "failure")?.value?.trim() ?? "",
    whys: lines(field(v, "whys")?.value),
    actions,
  }));
}

// Reading a step's inputs as Workflow Builder hands them over (ids as strings, timestamps as Unix
// seconds, dates as YYYY-MM-DD, lists as arrays), each checked against its definition. The first
// problem becomes the step's error, naming the input as the workflow's author sees it.
import { DomainError } from "../../infra/errors.ts";
import type { Locale, MessageKey } from "../../infra/i18n.ts";
import { isRealDate } from "../../infra/time.ts";
import type { StepDef, StepParam, ParamType } from "./step-params.ts";

export type Value = string | number | boolean | string[] | Date | undefined;

class Problem {
  constructor(
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {}
}

const userRe = /^[UW][A-Z0-9]{2,}$/;
const channelRe = /^[CDG][A-Z0-9]{2,}$/;

function one(type: ParamType, v: unknown, param: StepParam): Exclude<Value, string[] | undefined> {
  switch (type) {
    case "string": {
      if (typeof v !== "string" && typeof v !== "number") throw new Problem("step.problem.text");
      const s = String(v).trim();
      if (param.maxLength && s.length > param.maxLength)
        throw new Problem("step.problem.tooLong", { max: param.maxLength });
      if (param.enum && !param.enum.includes(s))
        throw new Problem("step.problem.oneOf", { value: s.slice(0, 40), choices: param.enum.join(", ") });
      return s;
    }
    case "integer":
    case "number": {
      const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
      if (!Number.isFinite(n) || (type === "integer" && !Number.isInteger(n)))
        throw new Problem(type === "integer" ? "step.problem.integer" : "step.problem.number", {
          value: String(v).slice(0, 40),
        });
      return n;
    }
    case "boolean":
      if (typeof v === "boolean") return v;
      if (v === "true" || v === "false") return v === "true";
      throw new Problem("step.problem.boolean");
    case "slack#/types/user_id":
      if (typeof v !== "string" || !userRe.test(v))
        throw new Problem("step.problem.user", { value: String(v).slice(0, 40) });
      return v;
    case "slack#/types/channel_id":
      if (typeof v !== "string" || !channelRe.test(v))
        throw new Problem("step.problem.channel", { value: String(v).slice(0, 40) });
      return v;
    case "slack#/types/timestamp": {
      const n = typeof v === "number" ? v : typeof v === "string" ? Number(v) : NaN;
      if (!Number.isFinite(n) || n <= 0) throw new Problem("step.problem.timestamp", { value: String(v).slice(0, 40) });
      return new Date(Math.round(n * 1000));
    }
    case "slack#/types/date":
      if (typeof v !== "string" || !isRealDate(v))
        throw new Problem("step.problem.date", { value: String(v).slice(0, 40) });
      return v;
    case "array":
      throw new Problem("step.problem.text");
  }
}

function read(param: StepParam, v: unknown): Value {
  const empty = v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);
  if (empty) {
    if (param.required) throw new Problem("step.problem.required");
    return undefined;
  }
  if (param.type !== "array") return one(param.type, v, param);
  if (!Array.isArray(v)) throw new Problem("step.problem.list");
  return v.map((x) => String(one(param.items ?? "string", x, param)));
}

/** Every input of the step, read; a DomainError naming the first input that is wrong. */
export function readInputs(
  def: StepDef,
  raw: Record<string, unknown>,
  locale: Locale,
  t: (k: MessageKey, p?: Record<string, string | number>) => string,
): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const param of def.inputs) {
    try {
      out[param.name] = read(param, raw[param.name]);
    } catch (e) {
      if (!(e instanceof Problem)) throw e;
      throw new DomainError("step.error.input", {
        label: param.label[locale],
        name: param.name,
        problem: t(e.key, e.params),
      });
    }
  }
  return out;
}

/** The input's name and label, for errors the services raise about one input. */
export function inputError(def: StepDef, name: string, locale: Locale, problem: string): DomainError {
  const param = def.inputs.find((x) => x.name === name)!;
  return new DomainError("step.error.input", { label: param.label[locale], name, problem });
}

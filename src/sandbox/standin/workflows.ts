// Slack's side of custom workflow steps: a step run (an execution) is started by a
// function_executed event and ends when the app calls functions.completeSuccess or
// completeError, which Slack accepts once, with outputs that match the step's declared types.
import type { StepDef, StepParam } from "../../features/workflow-steps/step-params.ts";

export interface Execution {
  id: string;
  callbackId: string;
  outputParams: { name: string; type: string; items?: { type: string }; is_required: boolean }[];
  state: "running" | "completed" | "failed";
  outputs?: Record<string, unknown>;
  error?: string;
}

const param = (p: StepParam) => ({
  type: p.type,
  name: p.name,
  title: `${p.label.en} / ${p.label["zh-CN"]}`,
  description: p.description,
  is_required: Boolean(p.required),
  ...(p.items ? { items: { type: p.items } } : {}),
});

/** The event Slack sends when a workflow reaches the step (https://docs.slack.dev/reference/events/function_executed). */
export function functionExecutedEvent(
  def: StepDef,
  executionId: string,
  inputs: Record<string, unknown>,
  nowMs: number,
) {
  return {
    type: "function_executed",
    function: {
      id: `Fn${def.callbackId.toUpperCase().replace(/_/g, "").slice(0, 9)}`,
      callback_id: def.callbackId,
      title: def.title,
      description: def.description,
      type: "app",
      input_parameters: def.inputs.map(param),
      output_parameters: def.outputs.map(param),
      app_id: "A0SANDBOX",
      date_created: 1_764_000_000,
      date_updated: 1_764_000_000,
      date_deleted: 0,
    },
    inputs,
    function_execution_id: executionId,
    workflow_execution_id: `Wx${executionId.slice(2)}`,
    event_ts: `${(nowMs / 1000).toFixed(6)}`,
    bot_access_token: "xwfp-sandbox-function-token",
  };
}

export const executionOf = (def: StepDef, id: string): Execution => ({
  id,
  callbackId: def.callbackId,
  outputParams: def.outputs.map(param),
  state: "running",
});

function fits(type: string, v: unknown): boolean {
  switch (type) {
    case "string":
      return typeof v === "string";
    case "integer":
      return Number.isInteger(v);
    case "number":
    case "slack#/types/timestamp":
      return typeof v === "number" && Number.isFinite(v);
    case "boolean":
      return typeof v === "boolean";
    case "slack#/types/user_id":
      return typeof v === "string" && /^[UW][A-Z0-9]+$/.test(v);
    case "slack#/types/channel_id":
      return typeof v === "string" && /^[CDG][A-Z0-9]+$/.test(v);
    case "slack#/types/date":
      return typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);
    default:
      return v !== undefined;
  }
}

/** Slack's parameter_validation_failed: a required output missing, or one of the wrong type. */
export function outputProblems(e: Execution, outputs: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const p of e.outputParams) {
    const v = outputs[p.name];
    if (v === undefined || v === null) {
      if (p.is_required) problems.push(`${p.name}: required`);
      continue;
    }
    const ok =
      p.type === "array" ? Array.isArray(v) && v.every((x) => fits(p.items?.type ?? "string", x)) : fits(p.type, v);
    if (!ok) problems.push(`${p.name}: not a ${p.type}`);
  }
  return problems;
}

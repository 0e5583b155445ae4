// A workflow as Workflow Builder runs one: steps in order, each step's inputs filled from the
// form and earlier steps' outputs ("{{form.order}}", "{{step1.case_id}}"), a step of ours run
// through function_executed and waited for until the app completes it, Slack's own "Send a
// message" step posted by the stand-in itself. A failed step stops the workflow, as in Slack.
import type { SlackDriver } from "./driver.ts";
import type { Workspace } from "./workspace.ts";
import type { Execution } from "./workflows.ts";

export type WorkflowStep =
  | { step: string; inputs: Record<string, unknown> }
  /** Slack's built-in step slack#/functions/send_message. */
  | { send_message: { channel_id: string; message: string } };

export interface Workflow {
  title: string;
  steps: WorkflowStep[];
}

export type WorkflowResult =
  | { ok: true; vars: Record<string, Record<string, unknown>> }
  | { ok: false; step: number; error: string; vars: Record<string, Record<string, unknown>> };

const REF = /\{\{(\w+)\.(\w+)\}\}/g;

/** "{{step1.case_id}}" alone keeps the output's own type; inside a sentence it is written out. */
function fill(v: unknown, vars: Record<string, Record<string, unknown>>): unknown {
  if (typeof v !== "string") return v;
  const whole = /^\{\{(\w+)\.(\w+)\}\}$/.exec(v);
  if (whole) return vars[whole[1]!]?.[whole[2]!];
  return v.replace(REF, (_m, a: string, b: string) => String(vars[a]?.[b] ?? ""));
}

function finished(ws: Workspace, e: Execution): Promise<Execution> {
  if (e.state !== "running") return Promise.resolve(e);
  return new Promise((resolve) => {
    const check = () => {
      if (e.state === "running") return;
      ws.off("change", check);
      resolve(e);
    };
    ws.on("change", check);
  });
}

/** Runs the workflow for `user` with the form's answers; resolves when it ends (a waiting step may take days). */
export async function runWorkflow(
  driver: SlackDriver,
  ws: Workspace,
  wf: Workflow,
  user: string,
  form: Record<string, unknown>,
): Promise<WorkflowResult> {
  const vars: Record<string, Record<string, unknown>> = { form, user: { id: user } };
  for (const [i, s] of wf.steps.entries()) {
    if ("send_message" in s) {
      const channel = String(fill(s.send_message.channel_id, vars));
      ws.post({ channel: ws.resolveChannel(channel)?.id ?? channel, text: String(fill(s.send_message.message, vars)) });
      continue;
    }
    const inputs = Object.fromEntries(Object.entries(s.inputs).map(([k, v]) => [k, fill(v, vars)]));
    const e = await finished(ws, await driver.functionExecuted(s.step, inputs));
    if (e.state === "failed") return { ok: false, step: i + 1, error: e.error ?? "", vars };
    vars[`step${i + 1}`] = e.outputs ?? {};
  }
  return { ok: true, vars };
}

// Workflow Builder running one of the app's steps: the run registered with the fake Slack (so its
// functions.completeSuccess/completeError answers hold) and function_executed sent, signed.
import { stepById } from "../../src/features/workflow-steps/definitions.ts";
import { executionOf, functionExecutedEvent, type Execution } from "../../src/sandbox/standin/workflows.ts";
import type { Harness } from "./harness.ts";
import { postSigned } from "./signed.ts";

let n = 0;

export interface StepEvent {
  execution: Execution;
  /** The exact body sent: Slack's retry sends the same one again. */
  body: string;
  send(): Promise<{ status: number; text: string }>;
}

export async function runStep(h: Harness, callbackId: string, inputs: Record<string, unknown>): Promise<StepEvent> {
  const def = stepById(callbackId)!;
  const id = `Fx${Date.now().toString(36).toUpperCase()}${(++n).toString(36).toUpperCase()}`;
  const execution = executionOf(def, id);
  h.fake.ws.executions.set(id, execution);
  const body = JSON.stringify({
    token: "legacy",
    team_id: "T1",
    api_app_id: "A1",
    event: functionExecutedEvent(def, id, inputs, Date.now()),
    type: "event_callback",
    event_id: `Ev${id}`,
    event_time: Math.floor(Date.now() / 1000),
  });
  const ev: StepEvent = { execution, body, send: () => postSigned(h.baseUrl, body, "application/json") };
  const res = await ev.send();
  if (res.status !== 200) throw new Error(`function_executed answered ${res.status}`);
  return ev;
}

/** The calls the bot made to end this run. */
export const completions = (h: Harness, e: Execution) =>
  [...h.fake.callsOf("functions.completeSuccess"), ...h.fake.callsOf("functions.completeError")].filter(
    (c) => c.args.function_execution_id === e.id,
  );

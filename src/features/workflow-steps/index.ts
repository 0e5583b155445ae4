// Workflow Builder steps (Slack's custom functions): the team's processes as steps anyone can drop
// into a workflow. Each is declared in manifest.yml `functions` and answered here.
import type { Feature } from "../feature.ts";
import { STEPS } from "./definitions.ts";
import { runStep } from "./run-step.ts";

export const workflowStepsFeature: Feature = {
  name: "workflow-steps",
  commands: [],
  register(app, deps) {
    for (const step of STEPS) {
      // Acknowledged after the run's completion is safely queued: if the process dies before,
      // Slack sends the event again and the run (keyed by its execution id) happens once.
      app.function(step.callbackId, { autoAcknowledge: false }, async ({ ack, event }) => {
        await runStep(deps, { executionId: event.function_execution_id, callbackId: step.callbackId, inputs: (event.inputs ?? {}) as Record<string, unknown> });
        await ack();
      });
    }
  },
};

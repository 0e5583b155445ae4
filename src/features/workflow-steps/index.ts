// Workflow Builder steps (Slack's custom functions): the team's processes as steps anyone can drop
// into a workflow. Each is declared in manifest.yml `functions` and answered here.
import type { Feature } from "../../feature.ts";
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
        await runStep(deps, {
          executionId: event.function_execution_id,
          callbackId: step.callbackId,
          inputs: (event.inputs ?? {}) as Record<string, unknown>,
        });
        await ack();
      });
    }
    // A step this version doesn't publish (a workflow built on an older manifest): the run fails
    // with a message saying so, instead of hanging until Slack gives up on it.
    const known = new Set(STEPS.map((s) => s.callbackId));
    app.event("function_executed", async (args) => {
      const { event } = args;
      if (known.has(event.function.callback_id)) return;
      await runStep(deps, {
        executionId: event.function_execution_id,
        callbackId: event.function.callback_id,
        inputs: {},
      });
      await (args as unknown as { ack: () => Promise<void> }).ack();
    });
  },
};

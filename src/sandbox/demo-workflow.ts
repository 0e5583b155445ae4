// The sandbox's Workflow Builder workflow, the one the README walks through: a CS intake form
// opens a complaint case, posts the case back to the channel, waits for the case to close and
// posts the outcome. Run from the sandbox page with `/workflow intake <order> <customer> <summary>`.
import type { Workflow } from "./standin/workflow-runner.ts";

export const INTAKE_WORKFLOW: Workflow = {
  title: "客服受理",
  steps: [
    {
      step: "open_complaint_case",
      inputs: {
        agent: "{{user.id}}",
        order_number: "{{form.order}}",
        customer: "{{form.customer}}",
        cause: "{{form.cause}}",
        urgency: "{{form.urgency}}",
        summary: "{{form.summary}}",
        vip: false,
      },
    },
    {
      send_message: {
        channel_id: "{{form.channel}}",
        // A workflow's messages are its author's words, in the team's language: one line, not two.
        message: "工单 #{{step1.case_number}} 已创建，在 <#{{step1.channel}}>（第 {{step1.tier}} 级）。",
      },
    },
    { step: "wait_for_complaint_resolution", inputs: { case: "{{step1.case_id}}" } },
    {
      send_message: {
        channel_id: "{{form.channel}}",
        message:
          "工单 #{{step3.case_number}} 已结案。补救：{{step3.outcome}}（none 表示未补救），满意度 {{step3.satisfaction}}/5。",
      },
    },
  ],
};

/** `intake <order> <customer> <summary…>` as the form's answers, or why not. */
export function intakeForm(text: string, channel: string): Record<string, unknown> | string {
  const m = /^intake\s+(\S+)\s+(\S+)\s+([\s\S]+)$/.exec(text.trim());
  if (!m)
    return "write it as /workflow intake <order> <customer> <summary>, e.g. /workflow intake TM-1001 王小姐 杯子碎了";
  return { order: m[1], customer: m[2], summary: m[3], cause: "quality", urgency: "general", channel };
}
